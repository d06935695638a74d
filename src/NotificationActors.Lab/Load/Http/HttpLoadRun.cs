using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Runtime;
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
/// calls cross to the silo hosting the member. A first touch of a new ping grain each measures what Orleans alone
/// spends to activate a grain, the floor under a member's first touch.
/// <c>dotnet run --project src/NotificationActors.Lab -c Release -- load http [--members N] [--concurrency C] [--seconds S] [--storage sqlite|memory|postgres|azure] [--postgres|--azure "&lt;connection string&gt;"] [--silos N]</c>
/// </summary>
internal static class HttpLoadRun
{
    private const int CandidatesPerOpportunity = 5;
    private const int WarmUpMembers = 2_000;
    private const int WarmUpSeconds = 2;
    private const int MaxWarmUpRounds = 8;
    private const int QuietJitMethods = 50;
    private const string WarmUpPrefix = "warm";
    private const string MemberPrefix = "bench";
    private const string FreshPingPrefix = "fresh-";

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

            Phase ping = default, decide = default, firstTouch = default, activation = default;
            var jitBefore = TimeSpan.Zero;
            await console.Progress().StartAsync(async context =>
            {
                // Every member's first call activates it, registers its weekly reminder and writes its first plan:
                // measured apart, so the steady state below is decisions on members that already exist.
                // Every path runs unmeasured first on members of their own, round after round until a round has the
                // JIT compile almost nothing new: tiering up several silos' code takes the background compiler many
                // seconds, and a measured phase must not pay for it.
                var warmUp = context.AddTask("warm-up (until the JIT is quiet)", maxValue: MaxWarmUpRounds);
                for (var round = 0; round < MaxWarmUpRounds; round++)
                {
                    var compiled = JitInfo.GetCompiledMethodCount();
                    await PrimeAsync(http, "v1/members", $"{WarmUpPrefix}{round}", WarmUpMembers, concurrency, progress: null);
                    await PrimeAsync(http, "bench/ping", $"{FreshPingPrefix}{WarmUpPrefix}{round}", WarmUpMembers, concurrency, progress: null);
                    await RunPhaseAsync(http, "bench/ping", $"{WarmUpPrefix}{round}", WarmUpMembers, concurrency, WarmUpSeconds, progress: null);
                    await RunPhaseAsync(http, "v1/members", $"{WarmUpPrefix}{round}", WarmUpMembers, concurrency, WarmUpSeconds, progress: null);
                    warmUp.Increment(1);
                    if (JitInfo.GetCompiledMethodCount() - compiled < QuietJitMethods) break;
                }

                warmUp.Value = MaxWarmUpRounds;
                jitBefore = JitInfo.GetCompilationTime();
                firstTouch = await PrimeAsync(http, "v1/members", MemberPrefix, members, concurrency, context.AddTask("first touch of every member", maxValue: members));
                activation = await PrimeAsync(http, "bench/ping", FreshPingPrefix + MemberPrefix, members, concurrency, context.AddTask("first touch of a ping grain each", maxValue: members));
                ping = await RunPhaseAsync(http, "bench/ping", MemberPrefix, members, concurrency, seconds, context.AddTask("ping grain"));
                decide = await RunPhaseAsync(http, "v1/members", MemberPrefix, members, concurrency, seconds, context.AddTask($"decisions ({storage.Name})"));
            });

            var jitDuring = JitInfo.GetCompilationTime() - jitBefore;
            var table = new Table()
                .Title($"HTTP on loopback: {siloCount} silo(s), {members:N0} members, {concurrency} concurrent, {CandidatesPerOpportunity} candidates, {seconds} s per phase, {storage.Name} storage")
                .AddColumns("endpoint", "req/s", "p50 ms", "p99 ms", "errors", "CPU us/req", "KB/req", "GC paused");
            AddRow(table, "first touch", firstTouch);
            AddRow(table, "ping, new grain (activation floor)", activation);
            AddRow(table, "ping (floor)", ping);
            AddRow(table, "decisions", decide);
            table.AddRow("decisions / ping", $"{decide.PerSecond / ping.PerSecond:P0}", "", "", "", $"{decide.CpuMicroseconds / ping.CpuMicroseconds:F2}x", "", "");
            table.AddRow("first touch / decisions", $"{firstTouch.PerSecond / decide.PerSecond:P0}", "", "", "", "", "", "");
            // A first touch is at least an activation and a decision one after the other: its rate can reach at most
            // the two floors' combined rate, which this row compares it with.
            var bound = 1 / (1 / activation.PerSecond + 1 / decide.PerSecond);
            table.AddRow("first touch / (activation then decision)", $"{firstTouch.PerSecond / bound:P0}", "", "", "", "", "", "");
            console.Write(table);
            console.MarkupLine($"The JIT compiled for {jitDuring.TotalMilliseconds:N0} ms of the measured phases.");
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
    private static void AddRow(Table table, string endpoint, Phase phase) => table.AddRow(
        endpoint, $"{phase.PerSecond:N0}", $"{phase.P50:F2}", $"{phase.P99:F2}", $"{phase.Errors}",
        $"{phase.CpuMicroseconds:N0}", $"{phase.AllocatedKilobytes:N1}", $"{phase.CollectorPaused:P0}");

    private static async Task<IResult> PingAsync(string memberId, HttpRequest request, IGrainFactory grains)
    {
        var opportunity = await System.Text.Json.JsonSerializer.DeserializeAsync<SendOpportunity>(request.Body, NotificationActors.Silo.Apis.ApiJson.Options);
        return TypedResults.Ok(await grains.GetGrain<IPingGrain>(memberId).Ping(opportunity!.Candidates.Count));
    }

    private static async Task<Phase> PrimeAsync(Http http, string prefix, string memberPrefix, int members, int concurrency, ProgressTask? progress)
    {
        var meter = ProcessMeter.Start();
        var next = -1;
        var errors = 0;
        var latencies = new double[members];
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            for (var member = Interlocked.Increment(ref next); member < members; member = Interlocked.Increment(ref next))
            {
                // A member is created by its first write; an opportunity is the call that first touches most members.
                using var content = new StringContent(Body($"first-{memberPrefix}-{member}", 0), Encoding.UTF8, "application/json");
                var started = Stopwatch.GetTimestamp();
                using var response = await http.For(member).PostAsync(new Uri($"/{prefix}/{memberPrefix}-{member}/opportunities", UriKind.Relative), content);
                latencies[member] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (response.StatusCode != HttpStatusCode.OK) Interlocked.Increment(ref errors);
                progress?.Increment(1);
            }
        }));

        var elapsed = stopwatch.Elapsed;
        Array.Sort(latencies);
        return meter.Phase(members, elapsed, latencies[members / 2], latencies[(int)(members * 0.99)], errors);
    }

    private static async Task<Phase> RunPhaseAsync(Http http, string prefix, string memberPrefix, int members, int concurrency, int seconds, ProgressTask? progress)
    {
        var meter = ProcessMeter.Start();
        progress?.MaxValue = seconds;
        var latencies = new List<double>[concurrency];
        var errors = 0;
        var stopwatch = Stopwatch.StartNew();
        var end = TimeSpan.FromSeconds(seconds);
        using var ticker = new Timer(_ => progress?.Value = Math.Min(seconds, stopwatch.Elapsed.TotalSeconds), null, 0, 250);
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async worker =>
        {
            var mine = latencies[worker] = [];
            var random = new Random(worker);
            for (var i = 0; stopwatch.Elapsed < end; i++)
            {
                var member = random.Next(members);
                using var content = new StringContent(Body($"w{worker}-{i}-{Guid.NewGuid():N}", i), Encoding.UTF8, "application/json");
                var started = Stopwatch.GetTimestamp();
                using var response = await http.For(worker).PostAsync(new Uri($"/{prefix}/{memberPrefix}-{member}/opportunities", UriKind.Relative), content);
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (response.StatusCode != HttpStatusCode.OK) Interlocked.Increment(ref errors);
            }
        }));

        var elapsed = stopwatch.Elapsed;
        progress?.Value = seconds;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return meter.Phase(all.Length, elapsed, all[all.Length / 2], all[Math.Min(all.Length - 1, (int)(all.Length * 0.99))], errors);
    }

    private static string Body(string opportunityId, int sequence)
    {
        var time = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);
        var candidates = string.Join(',', Enumerable.Range(0, CandidatesPerOpportunity).Select(c =>
            $$"""{"messageId":"{{opportunityId}}-{{c}}","channel":"{{(c % 2 == 0 ? "push" : "email")}}","category":"cat-{{c}}","titleId":"t-{{sequence}}-{{c}}","relevance":0.{{c + 1}}}"""));
        return $$"""{"opportunityId":"{{opportunityId}}","time":"{{time}}","kind":"daily","candidates":[{{candidates}}]}""";
    }

    private readonly record struct Phase(double PerSecond, double P50, double P99, int Errors, double CpuMicroseconds, double AllocatedKilobytes, double CollectorPaused);

    // The whole process's processor time, allocation and collector pauses over a phase, per request: the load
    // generator runs in the same process, so these include its share, the same in every phase.
    private readonly record struct ProcessMeter(TimeSpan Cpu, long Allocated, TimeSpan Paused)
    {
        // The phase before leaves garbage (a first touch leaves every new activation to promote): collected here, so
        // each phase pays only for its own.
        public static ProcessMeter Start()
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            return new(Process.GetCurrentProcess().TotalProcessorTime, GC.GetTotalAllocatedBytes(), GC.GetTotalPauseDuration());
        }

        public Phase Phase(int requests, TimeSpan elapsed, double p50, double p99, int errors)
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - Cpu;
            return new Phase(
                requests / elapsed.TotalSeconds, p50, p99, errors,
                cpu.TotalMicroseconds / requests,
                (GC.GetTotalAllocatedBytes() - Allocated) / 1024.0 / requests,
                (GC.GetTotalPauseDuration() - Paused) / elapsed);
        }
    }

    // Callers spread over the silos' APIs; a member's grain lives on one silo, so most calls cross once.
    private sealed class Http(HttpClient[] apis)
    {
        public HttpClient For(int caller) => apis[caller % apis.Length];
    }
}
