using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using NotificationActors.Abstractions.Members;
using NotificationActors.Silo.Hosting;
using Orleans.Configuration;
using Spectre.Console;

namespace NotificationActors.Lab.Load.Members;

/// <summary>
/// Idle members are collected: a silo on a fresh SQLite file with a short grain collection age; the managed heap
/// measured after a warm-up; then <c>--waves</c> rounds, each of <c>--members</c> distinct members written once through
/// the HTTP API (an opportunity: activation, weekly reminder, plan, state write) and as many never-created members
/// read (<c>GET .../plan</c>, each a 404 that stores nothing), each kind's rate and latencies reported; the run waits
/// past the collection age until no member is active and compares the heap with the start (the target:
/// within 20%), then until what Orleans keeps of those grains past their activations (directory cache entries,
/// reminder markers) expires on its own timers, measuring once more, so the difference's holder shows; a second wave
/// tells growth per member from capacity kept at the peak. Last it counts what the store holds (a row and a reminder
/// per member written, nothing for the reads).
/// <c>dotnet run --project src/NotificationActors.Lab -c Release -- load idle-members [--members N] [--concurrency C] [--collection-age S] [--waves W]</c>
/// </summary>
internal static class IdleMembersRun
{
    /// <summary>The bound on the heap after collection, as a share above the start.</summary>
    private const double HeapTolerance = 0.2;

    // Members written, read unknown and forgotten before the start is measured, so the JIT's code, the connection
    // pools and the silo's caches exist by then; a forgotten member leaves no activation, state or reminder.
    private const int WarmUpMembers = 500;

    // Orleans looks for idle activations once a quantum: a sixth of the age collects them soon after it passes.
    private const int QuantaPerAge = 6;

    private const int CandidatesPerOpportunity = 3;
    private const double Megabyte = 1024 * 1024;

    private const string Written = "idle-";
    private const string Unknown = "never-";
    private const string WarmUp = "warm-";

    private static readonly MessageChannel[] Channels = [MessageChannel.Push, MessageChannel.Email, MessageChannel.InApp];

    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    // Deactivating every member once the age has passed takes a while of its own at 100,000 members.
    private static readonly TimeSpan DeactivationAllowance = TimeSpan.FromMinutes(3);

    // Orleans' directory cache sweeps entries unused for 4 minutes every 4 minutes, and its reminder service re-reads
    // the table every 5 minutes: all gone within 10 minutes of the last call.
    private static readonly TimeSpan CacheAllowance = TimeSpan.FromMinutes(10);

    public static async Task RunAsync(IdleMembersSettings settings, IAnsiConsole console)
    {
        var (members, concurrency) = (settings.Members, settings.Concurrency);
        var siloSettings = new SiloSettings("http://127.0.0.1:0", StorageDeployments.Sqlite, 0, 0, Path.Combine(Path.GetTempPath(), "na-idle-members-" + Guid.NewGuid().ToString("N")));
        var silo = SiloHost.Build(siloSettings, ["--Logging:LogLevel:Default=Warning"], builder => builder.Services.Configure<GrainCollectionOptions>(o =>
        {
            o.CollectionAge = TimeSpan.FromSeconds(settings.CollectionAgeSeconds);
            o.CollectionQuantum = TimeSpan.FromSeconds(settings.CollectionAgeSeconds / QuantaPerAge);
        }));
        try
        {
            await silo.StartAsync();
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency }) { BaseAddress = new Uri(silo.Urls.Single()) };
            var api = new MemberApi(http);
            var management = silo.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0);
            using var gauges = new OrleansGauges();

            HeapSnapshot start = null!;
            await console.Progress().StartAsync(async context =>
            {
                var warm = context.AddTask("warm-up (untimed): members written, read unknown, forgotten", maxValue: 3 * WarmUpMembers);
                await CallPhase.RunAsync(WarmUpMembers, concurrency, HttpStatusCode.OK, warm, m => api.PostAsync(Route(WarmUp, m, "/opportunities"), Opportunity()));
                await CallPhase.RunAsync(WarmUpMembers, concurrency, HttpStatusCode.NotFound, warm, m => api.GetAsync(Route(Unknown + WarmUp, m, "/plan")));
                await CallPhase.RunAsync(WarmUpMembers, concurrency, HttpStatusCode.NoContent, warm, m => api.DeleteAsync(Route(WarmUp, m, "")));
                await WaitAsync(context.AddTask("warm-up's members deactivated"), Stopwatch.GetTimestamp(), TimeSpan.Zero, DeactivationAllowance, async () =>
                {
                    var active = await HeapSnapshot.MemberActivationsAsync(management);
                    return (active, $"{active:N0} members active");
                });
                start = await HeapSnapshot.TakeAsync(management, gauges);
            });

            var results = new List<IdleWave>();
            for (var wave = 1; wave <= settings.Waves; wave++)
            {
                results.Add(await RunWaveAsync(console, api, management, gauges, settings, wave, start));
            }

            Report(console, start, results);

            using var store = new MemberStoreFile(siloSettings.Location);
            var written = members * settings.Waves;
            var (stored, _) = store.Rows(Written);
            var reminders = store.Reminders(Written);
            var (unknownStored, unknownCleared) = store.Rows(Unknown);
            var unknown = unknownStored + unknownCleared + store.Reminders(Unknown);
            var (_, forgotten) = store.Rows(WarmUp);
            var forgottenReminders = store.Reminders(WarmUp);
            var rows = new Table().Title("What the store holds").AddColumns("rows", "count", "expected");
            rows.AddRow("members written: rows holding a state", $"{stored:N0}", $"{written:N0}");
            rows.AddRow("members written: reminders", $"{reminders:N0}", $"{written:N0}");
            rows.AddRow("never-created members read: rows and reminders", $"{unknown:N0}", "0");
            rows.AddRow("warm-up members forgotten: rows cleared", $"{forgotten:N0}", $"{WarmUpMembers:N0}");
            rows.AddRow("warm-up members forgotten: reminders", $"{forgottenReminders:N0}", "0");
            console.Write(rows);
            console.MarkupLine(stored == written && reminders == written && unknown == 0 && forgottenReminders == 0
                ? "[green]store as expected[/]: a row and a reminder per member written, nothing for the reads"
                : "[red]STORE UNEXPECTED[/]: see the rows above");
        }
        finally
        {
            await silo.StopAsync();
            await silo.DisposeAsync();
            SqliteConnection.ClearAllPools();
            if (Directory.Exists(siloSettings.DataDirectory)) Directory.Delete(siloSettings.DataDirectory, recursive: true);
        }
    }

    // One wave: members distinct from every other wave's written and as many never-created ones read, then idle past
    // the collection age until no member is active, then until Orleans' own entries for them expire.
    private static async Task<IdleWave> RunWaveAsync(IAnsiConsole console, MemberApi api, IManagementGrain management, OrleansGauges gauges, IdleMembersSettings settings, int wave, HeapSnapshot start)
    {
        var (members, concurrency) = (settings.Members, settings.Concurrency);
        var age = TimeSpan.FromSeconds(settings.CollectionAgeSeconds);
        var quantum = TimeSpan.FromSeconds(settings.CollectionAgeSeconds / QuantaPerAge);
        var written = string.Create(CultureInfo.InvariantCulture, $"{Written}w{wave}-");
        var unknown = string.Create(CultureInfo.InvariantCulture, $"{Unknown}w{wave}-");
        CallPhase writes = null!, reads = null!;
        var writesEnded = 0L;
        await console.Progress().StartAsync(async context =>
        {
            writes = await CallPhase.RunAsync(members, concurrency, HttpStatusCode.OK, context.AddTask($"wave {wave}: members written (POST .../opportunities)", maxValue: members),
                m => api.PostAsync(Route(written, m, "/opportunities"), Opportunity()));
            writesEnded = Stopwatch.GetTimestamp();
            reads = await CallPhase.RunAsync(members, concurrency, HttpStatusCode.NotFound, context.AddTask($"wave {wave}: never-created members read (GET .../plan)", maxValue: members),
                m => api.GetAsync(Route(unknown, m, "/plan")));
        });

        var table = new Table()
            .Title($"Wave {wave} on SQLite: {members:N0} written, {members:N0} never-created read, {concurrency} concurrent, collection age {age.TotalSeconds:F0} s (quantum {quantum.TotalSeconds:F0} s)")
            .AddColumns("calls", "per s", "p50 ms", "p95 ms", "p99 ms", "max ms", "unexpected");
        AddRow(table, "writes (POST opportunity)", writes);
        AddRow(table, "unknown reads (GET plan)", reads);
        console.Write(table);

        var after = await HeapSnapshot.TakeAsync(management, gauges);
        var left = 0;
        await console.Progress().StartAsync(async context => left = await WaitAsync(
            context.AddTask($"wave {wave}: members idle past the collection age"), writesEnded, age + quantum, age + quantum + DeactivationAllowance, async () =>
            {
                var active = await HeapSnapshot.MemberActivationsAsync(management);
                return (active, $"{active:N0} members active");
            }));
        var collected = await HeapSnapshot.TakeAsync(management, gauges);

        // What Orleans keeps per grain after its activation is gone expires on Orleans' own timers: the directory
        // cache's entries after their time to live, the reminder service's markers at its next read of the table.
        var lingering = 0;
        var callsEnded = Stopwatch.GetTimestamp();
        await console.Progress().StartAsync(async context => lingering = await WaitAsync(
            context.AddTask($"wave {wave}: Orleans' directory cache and reminder markers expiring"), callsEnded, TimeSpan.Zero, CacheAllowance, () =>
            {
                var now = gauges.Read();
                var cached = Math.Max(0, now.GetValueOrDefault(OrleansGauges.DirectoryCache) - start.Gauges.GetValueOrDefault(OrleansGauges.DirectoryCache));
                var tracked = Math.Max(0, now.GetValueOrDefault(OrleansGauges.Reminders) - start.Gauges.GetValueOrDefault(OrleansGauges.Reminders));
                return Task.FromResult(((int)Math.Max(cached, tracked), $"{cached:N0} directory cache entries and {tracked:N0} reminders tracked over the start"));
            }));
        var expired = await HeapSnapshot.TakeAsync(management, gauges);
        console.MarkupLine(CultureInfo.InvariantCulture, "Wave {0}: managed heap {1:N2} of the start right after, {2:N2} collected, {3:N2} once Orleans' entries expired",
            wave, (double)after.LiveBytes / start.LiveBytes, (double)collected.LiveBytes / start.LiveBytes, (double)expired.LiveBytes / start.LiveBytes);
        return new IdleWave(after, collected, expired, left, lingering);
    }

    private static void Report(IAnsiConsole console, HeapSnapshot start, List<IdleWave> waves)
    {
        var table = new Table().Title("After full blocking compacting collections").AddColumn("").AddColumn("start");
        var columns = new List<HeapSnapshot> { start };
        for (var w = 0; w < waves.Count; w++)
        {
            table.AddColumns($"wave {w + 1} right after", "collected", "entries expired");
            columns.AddRange([waves[w].After, waves[w].Collected, waves[w].Expired]);
        }

        table.AddRow(["managed heap (live), MB", .. columns.Select(c => Mb(c.LiveBytes))]);
        table.AddRow(["  generation 2, MB", .. columns.Select(c => Mb(c.Generation2Bytes))]);
        table.AddRow(["  large objects, MB", .. columns.Select(c => Mb(c.LargeObjectBytes))]);
        table.AddRow(["working set, MB", .. columns.Select(c => Mb(c.WorkingSetBytes))]);
        table.AddRow(["activations", .. columns.Select(c => $"{c.Activations:N0}")]);
        table.AddRow(["  members", .. columns.Select(c => $"{c.MemberActivations:N0}")]);
        table.AddRow(["reminders tracked", .. columns.Select(c => Gauge(c, OrleansGauges.Reminders))]);
        table.AddRow(["directory cache entries", .. columns.Select(c => Gauge(c, OrleansGauges.DirectoryCache))]);
        table.AddRow(["directory partition", .. columns.Select(c => Gauge(c, OrleansGauges.DirectoryPartition))]);
        table.AddRow(["heap / start", .. columns.Select(c => ((double)c.LiveBytes / start.LiveBytes).ToString("F2", CultureInfo.InvariantCulture))]);
        console.Write(table);

        var last = waves[^1];
        var left = waves.Sum(w => w.Left);
        var ratio = waves.Max(w => (double)w.Collected.LiveBytes / start.LiveBytes);
        console.MarkupLine(left == 0 && ratio <= 1 + HeapTolerance
            ? "[green]target met[/]: once each wave's members are collected, the heap is within 20% of the start"
            : $"[red]TARGET MISSED[/]: the target is each wave's members collected ({left:N0} still active at their wave's end) and the heap then within 20% of the start (at most {ratio:F2})");
        console.MarkupLine(last.Lingering == 0
            ? $"once Orleans' directory cache entries and reminder markers expired: {(double)last.Expired.LiveBytes / start.LiveBytes:F2} of the start"
            : $"Orleans' directory cache entries and reminder markers had not all expired after {CacheAllowance.TotalMinutes:F0} minutes ({last.Lingering:N0} over the start)");
        if (waves.Count > 1)
        {
            // A leak grows with every wave; what Orleans keeps at its peak (its tables' capacity) does not.
            console.MarkupLine(CultureInfo.InvariantCulture, "after wave {0}, {1:N2} MB more live than after wave 1 once Orleans' entries expired",
                waves.Count, (last.Expired.LiveBytes - waves[0].Expired.LiveBytes) / Megabyte);
        }
    }

    // Polls until what is waited for is gone or the limit passes, counting down to when it is due (from started)
    // and then to the limit. Returns how much was left.
    private static async Task<int> WaitAsync(ProgressTask progress, long started, TimeSpan due, TimeSpan limit, Func<Task<(int Left, string Status)>> poll)
    {
        progress.MaxValue = limit.TotalSeconds;
        while (true)
        {
            var (left, status) = await poll();
            var waited = Stopwatch.GetElapsedTime(started);
            progress.Value = Math.Min(limit.TotalSeconds, waited.TotalSeconds);
            progress.Description = waited < due
                ? $"{status}; due in {(due - waited).TotalSeconds:F0} s"
                : $"{status}; giving up in {Math.Max(0, (limit - waited).TotalSeconds):F0} s";
            if (left == 0 || waited >= limit)
            {
                progress.Value = limit.TotalSeconds;
                return left;
            }

            await Task.Delay(Poll);
        }
    }

    private static void AddRow(Table table, string calls, CallPhase phase) =>
        table.AddRow(calls, $"{phase.PerSecond:N0}", $"{phase.Latencies.P50:F2}", $"{phase.Latencies.P95:F2}", $"{phase.Latencies.P99:F2}", $"{phase.Latencies.Max:F2}", $"{phase.Unexpected:N0}");

    private static string Gauge(HeapSnapshot snapshot, string name) => $"{snapshot.Gauges.GetValueOrDefault(name):N0}";

    private static string Mb(long bytes) => (bytes / Megabyte).ToString("N1", CultureInfo.InvariantCulture);

    private static string Route(string prefix, int member, string rest) => string.Create(CultureInfo.InvariantCulture, $"/v1/members/{prefix}{member}{rest}");

    // A member's first opportunity: a few candidates over the channels, at the silo's time.
    private static SendOpportunity Opportunity() => new()
    {
        OpportunityId = "o-1",
        Time = DateTimeOffset.UtcNow,
        Candidates = [.. Enumerable.Range(0, CandidatesPerOpportunity).Select(c => new CandidateMessage
        {
            MessageId = string.Create(CultureInfo.InvariantCulture, $"m-{c}"),
            Channel = Channels[c % Channels.Length],
            Category = string.Create(CultureInfo.InvariantCulture, $"cat-{c}"),
            TitleId = string.Create(CultureInfo.InvariantCulture, $"t-{c}"),
            Relevance = 0.2 * (c + 1),
        })],
    };
}
