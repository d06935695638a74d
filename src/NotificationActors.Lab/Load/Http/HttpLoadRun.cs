using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using NotificationActors.Abstractions.Members;
using NotificationActors.Silo.Hosting;
using Spectre.Console;

namespace NotificationActors.Lab.Load.Http;

/// <summary>
/// The HTTP API under load on loopback: persisted decisions per second and latency percentiles through
/// <c>POST /v1/members/{id}/opportunities</c>, against an empty ping grain behind the same endpoint shape (same
/// body, same JSON parsing, one grain call) in the same process, so the policy and state write show as a ratio.
/// With <c>--storage postgres</c> or <c>azure</c> it runs <c>--silos</c> silos (3 by default) on the PostgreSQL database
/// <c>--postgres</c> or the Azure Storage account <c>--azure</c> names and spreads the callers over their APIs, so most
/// calls cross to the silo hosting the member.
/// <c>dotnet run --project src/NotificationActors.Lab -c Release -- load http [--members N] [--concurrency C] [--seconds S] [--storage sqlite|memory|postgres|azure] [--postgres|--azure "&lt;connection string&gt;"] [--silos N]</c>
/// </summary>
internal static class HttpLoadRun
{
    private const int CandidatesPerOpportunity = 5;

    public static async Task RunAsync(HttpLoadSettings settings, IAnsiConsole console)
    {
        var (members, concurrency, seconds, storage) = (settings.Members, settings.Concurrency, settings.Seconds, settings.Storage);
        var siloCount = storage.Clustered ? settings.Silos : 1;
        var data = Path.Combine(Path.GetTempPath(), "na-http-bench-" + Guid.NewGuid().ToString("N"));
        var apps = new List<WebApplication>();
        try
        {
            var siloSettings = new SiloSettings("http://127.0.0.1:0", storage, 0, 0, data)
            {
                AdvertisedAddress = IPAddress.Loopback,
                ConnectionString = settings.ConnectionString,
                // A fresh cluster id keeps this run's membership and reminders apart in a shared account.
                ClusterId = storage == StorageDeployments.Azure ? $"bench-{Guid.NewGuid():N}" : SiloSettings.DefaultClusterId,
            };
            for (var i = 0; i < siloCount; i++)
            {
                var silo = SiloHost.Build(siloSettings, ["--Logging:LogLevel:Default=Warning"]);
                silo.MapPost("/bench/ping/{memberId}/opportunities", PingAsync);
                await silo.StartAsync();
                apps.Add(silo);
            }

            var http = new Http(apps.Select(a => new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency }) { BaseAddress = new Uri(a.Urls.Single()) }).ToArray());

            Phase ping = default, decide = default, firstTouch = default;
            await console.Progress().StartAsync(async context =>
            {
                // Every member's first call activates it, registers its weekly reminder and writes its first plan:
                // measured apart, so the steady state below is decisions on members that already exist.
                firstTouch = await PrimeAsync(http, members, concurrency, context.AddTask("first touch of every member", maxValue: members));
                await RunPhaseAsync(http, "bench/ping", members, concurrency, 3, context.AddTask("warm-up"));
                ping = await RunPhaseAsync(http, "bench/ping", members, concurrency, seconds, context.AddTask("ping grain"));
                decide = await RunPhaseAsync(http, "v1/members", members, concurrency, seconds, context.AddTask($"decisions ({storage.Name})"));
            });

            var table = new Table()
                .Title($"HTTP on loopback: {siloCount} silo(s), {members:N0} members, {concurrency} concurrent, {CandidatesPerOpportunity} candidates, {seconds} s per phase, {storage.Name} storage")
                .AddColumns("endpoint", "requests / s", "p50 ms", "p99 ms", "errors");
            table.AddRow("first touch (activation, reminder, plan)", $"{firstTouch.PerSecond:N0}", $"{firstTouch.P50:F2}", $"{firstTouch.P99:F2}", $"{firstTouch.Errors}");
            table.AddRow("ping grain (floor)", $"{ping.PerSecond:N0}", $"{ping.P50:F2}", $"{ping.P99:F2}", $"{ping.Errors}");
            table.AddRow("persisted decisions", $"{decide.PerSecond:N0}", $"{decide.P50:F2}", $"{decide.P99:F2}", $"{decide.Errors}");
            table.AddRow("ratio to ping", $"{decide.PerSecond / ping.PerSecond:P0}", "", "", "");
            console.Write(table);
            // The 5,000/s target is the embedded single silo's; a cluster run reports its numbers without one.
            if (!storage.Clustered)
            {
                console.MarkupLine(decide.PerSecond >= 5_000 && decide.Errors == 0
                    ? "[green]target met[/]: at least 5,000 persisted decisions/s"
                    : "[red]TARGET MISSED[/]: the target is at least 5,000 persisted decisions/s without errors");
            }
        }
        finally
        {
            foreach (var app in apps)
            {
                await app.StopAsync();
                await app.DisposeAsync();
            }

            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(data)) Directory.Delete(data, recursive: true);
        }
    }

    // Same work as the real endpoint up to the grain: read and parse the body, then one grain call.
    private static async Task<IResult> PingAsync(string memberId, HttpRequest request, IGrainFactory grains)
    {
        var opportunity = await System.Text.Json.JsonSerializer.DeserializeAsync<SendOpportunity>(request.Body, NotificationActors.Silo.Apis.ApiJson.Options);
        return TypedResults.Ok(await grains.GetGrain<IPingGrain>(memberId).Ping(opportunity!.Candidates.Count));
    }

    private static async Task<Phase> PrimeAsync(Http http, int members, int concurrency, ProgressTask progress)
    {
        var next = -1;
        var errors = 0;
        var latencies = new double[members];
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            for (var member = Interlocked.Increment(ref next); member < members; member = Interlocked.Increment(ref next))
            {
                // A member is created by its first write; an opportunity is the call that first touches most members.
                using var content = new StringContent(Body($"first-{member}", 0), Encoding.UTF8, "application/json");
                var started = Stopwatch.GetTimestamp();
                using var response = await http.For(member).PostAsync(new Uri($"/v1/members/bench-{member}/opportunities", UriKind.Relative), content);
                latencies[member] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (response.StatusCode != HttpStatusCode.OK) Interlocked.Increment(ref errors);
                progress.Increment(1);
            }
        }));

        Array.Sort(latencies);
        return new Phase(members / stopwatch.Elapsed.TotalSeconds, latencies[members / 2], latencies[(int)(members * 0.99)], errors);
    }

    private static async Task<Phase> RunPhaseAsync(Http http, string prefix, int members, int concurrency, int seconds, ProgressTask progress)
    {
        progress.MaxValue = seconds;
        var latencies = new List<double>[concurrency];
        var errors = 0;
        var stopwatch = Stopwatch.StartNew();
        var end = TimeSpan.FromSeconds(seconds);
        using var ticker = new Timer(_ => progress.Value = Math.Min(seconds, stopwatch.Elapsed.TotalSeconds), null, 0, 250);
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async worker =>
        {
            var mine = latencies[worker] = [];
            var random = new Random(worker);
            for (var i = 0; stopwatch.Elapsed < end; i++)
            {
                var member = random.Next(members);
                using var content = new StringContent(Body($"w{worker}-{i}-{Guid.NewGuid():N}", i), Encoding.UTF8, "application/json");
                var started = Stopwatch.GetTimestamp();
                using var response = await http.For(worker).PostAsync(new Uri($"/{prefix}/bench-{member}/opportunities", UriKind.Relative), content);
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (response.StatusCode != HttpStatusCode.OK) Interlocked.Increment(ref errors);
            }
        }));

        var elapsed = stopwatch.Elapsed.TotalSeconds;
        progress.Value = seconds;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new Phase(all.Length / elapsed, all[all.Length / 2], all[Math.Min(all.Length - 1, (int)(all.Length * 0.99))], errors);
    }

    private static string Body(string opportunityId, int sequence)
    {
        var time = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);
        var candidates = string.Join(',', Enumerable.Range(0, CandidatesPerOpportunity).Select(c =>
            $$"""{"messageId":"{{opportunityId}}-{{c}}","channel":"{{(c % 2 == 0 ? "push" : "email")}}","category":"cat-{{c}}","titleId":"t-{{sequence}}-{{c}}","relevance":0.{{c + 1}}}"""));
        return $$"""{"opportunityId":"{{opportunityId}}","time":"{{time}}","kind":"daily","candidates":[{{candidates}}]}""";
    }

    private readonly record struct Phase(double PerSecond, double P50, double P99, int Errors);

    // Callers spread over the silos' APIs; a member's grain lives on one silo, so most calls cross once.
    private sealed class Http(HttpClient[] apis)
    {
        public HttpClient For(int caller) => apis[caller % apis.Length];
    }
}
