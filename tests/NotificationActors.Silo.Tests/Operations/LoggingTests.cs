using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using NotificationActors.Silo.Hosting;
using NotificationActors.Silo.Tests.Api;
using static NotificationActors.Silo.Tests.Api.Json;

namespace NotificationActors.Silo.Tests.Operations;

/// <summary>At the default levels a request logs nothing from ASP.NET Core, Orleans or the libraries under them.</summary>
public sealed class LoggingTests
{
    private static readonly SiloSettings Memory = new("http://127.0.0.1:0", StorageDeployments.Memory, 0, 0, SiloSettings.DefaultDataDirectory);

    [Fact]
    public async Task RequestsAtTheDefaultLevelsLogNoInformationOutsideTheProduct()
    {
        var logs = new LogCapture();
        await using var app = SiloHost.Build(Memory, configure: builder => builder.Logging.AddProvider(logs));
        await app.StartAsync(TestContext.Current);
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };
        var atStart = logs.Entries.Count;

        for (var i = 0; i < 5; i++)
        {
            using var decided = await http.PostAsync(new Uri($"/v1/members/log-{i}/opportunities", UriKind.Relative), Body(Opportunity("o-1", Candidate("m-1"))), TestContext.Current);
            using var plan = await http.GetAsync(new Uri($"/v1/members/log-{i}/plan", UriKind.Relative), TestContext.Current);
            Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (decided.StatusCode, plan.StatusCode));
        }

        await app.StopAsync(TestContext.Current);
        var requests = logs.Entries.Skip(atStart).ToArray();
        Assert.DoesNotContain(requests, e => e.Level < LogLevel.Warning && !e.Category.StartsWith("NotificationActors", StringComparison.Ordinal)
            && e.Category != "Microsoft.Hosting.Lifetime");
    }

    [Fact]
    public async Task JsonLogsAreOneOption()
    {
        await using var app = SiloHost.Build(Memory with { LogFormat = LogFormat.Json });

        Assert.Equal(ConsoleFormatterNames.Json, app.Services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue.FormatterName);
    }
}
