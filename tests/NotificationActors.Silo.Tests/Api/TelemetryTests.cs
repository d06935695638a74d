using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using NotificationActors.Grains.Telemetry;
using NotificationActors.Silo.Hosting;
using NotificationActors.Storage.Sqlite;
using static NotificationActors.Silo.Tests.Api.Json;

namespace NotificationActors.Silo.Tests.Api;

public sealed class TelemetryTests
{
    private static readonly SiloSettings Memory = new("http://127.0.0.1:0", StorageDeployments.Memory, 0, 0, SiloSettings.DefaultDataDirectory);

    [Fact]
    public async Task DecisionsSendsPlansAndOptOutsAreCounted()
    {
        await using var app = SiloHost.Build(Memory, WeekAhead);
        await app.StartAsync(TestContext.Current);
        var meter = app.Services.GetRequiredService<MemberTelemetry>().Meter;
        var measurements = new ConcurrentBag<(string Instrument, long Value, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener
        {
            // Only this host's meter: other tests' silos in the same process have their own.
            InstrumentPublished = (instrument, l) => { if (ReferenceEquals(instrument.Meter, meter)) l.EnableMeasurementEvents(instrument); },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            measurements.Add((instrument.Name, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value))));
        listener.Start();
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };

        for (var i = 0; i < 5; i++)
        {
            await client.PostAsync(new Uri("/v1/members/counted/opportunities", UriKind.Relative), Body(OpportunityAt($"o-{i}", EndOfWeek(), Candidate($"m-{i}"))));
        }

        await client.PostAsync(new Uri("/v1/members/counted/feedback", UriKind.Relative), Body($$"""{ "eventId": "e-1", "time": "{{Now}}", "channel": "push", "type": "opted-out" }"""));

        var decisions = measurements.Where(m => m.Instrument == "notification_actors.decisions").ToList();
        Assert.Equal(5, decisions.Sum(m => m.Value));
        Assert.All(decisions, m => Assert.Equal("hierarchical", m.Tags["arm"]));
        Assert.Equal(
            decisions.Count(m => (string?)m.Tags["outcome"] == "send"),
            measurements.Where(m => m.Instrument == "notification_actors.sends").Sum(m => m.Value));
        Assert.Equal(1, measurements.Where(m => m.Instrument == "notification_actors.plans").Sum(m => m.Value));
        var optOut = Assert.Single(measurements, m => m.Instrument == "notification_actors.opt_outs");
        Assert.Equal(("push", "opted-out"), ((string?)optOut.Tags["channel"], (string?)optOut.Tags["type"]));
        await app.StopAsync(TestContext.Current);
    }

    [Fact]
    public async Task PrometheusScrapesTheProductAndOrleansMetrics()
    {
        await using var app = SiloHost.Build(Memory);
        await app.StartAsync(TestContext.Current);
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };
        await client.PostAsync(new Uri("/v1/members/scraped/opportunities", UriKind.Relative), Body(Opportunity("o-1", Candidate("m-1"))));

        var text = await client.GetStringAsync(new Uri("/metrics", UriKind.Relative), TestContext.Current);

        Assert.Contains("notification_actors_decisions_total", text, StringComparison.Ordinal);
        Assert.Contains("notification_actors_model_version", text, StringComparison.Ordinal);
        Assert.Contains("orleans_", text, StringComparison.Ordinal);
        await app.StopAsync(TestContext.Current);
    }

    [Fact]
    public async Task OneTraceRunsFromTheHttpRequestThroughTheGrainCallToItsStorageWrite()
    {
        var data = Path.Combine(Path.GetTempPath(), "na-trace-" + Guid.NewGuid().ToString("N"));
        var activities = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "Microsoft.AspNetCore" or MemberTelemetry.Name or SqliteTelemetry.SourceName || source.Name.StartsWith("Microsoft.Orleans", StringComparison.Ordinal),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activities.Add,
        };
        ActivitySource.AddActivityListener(listener);
        try
        {
            await using var app = SiloHost.Build(Memory with { Storage = StorageDeployments.Sqlite, DataDirectory = data });
            await app.StartAsync(TestContext.Current);
            using var client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };

            await client.PostAsync(new Uri("/v1/members/traced/opportunities", UriKind.Relative), Body(Opportunity("o-1", Candidate("m-1"))));
            await app.StopAsync(TestContext.Current);

            var offer = Assert.Single(activities, a => a.OperationName == "member.offer" && (string?)a.GetTagItem("member.id") == "traced");
            var trace = activities.Where(a => a.TraceId == offer.TraceId).ToList();
            Assert.Contains(trace, a => a.OperationName == "Microsoft.AspNetCore.Hosting.HttpRequestIn");
            Assert.Contains(trace, a => a.OperationName == "sqlite.write" && a.ParentSpanId != default);
            Assert.Contains(trace, a => a.Source.Name.StartsWith("Microsoft.Orleans", StringComparison.Ordinal));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(data)) Directory.Delete(data, recursive: true);
        }
    }
}
