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
/// measured after a warm-up; <c>--members</c> distinct members each written once through the HTTP API (an opportunity:
/// activation, weekly reminder, plan, state write) and as many never-created members read (<c>GET .../plan</c>, each a
/// 404 that stores nothing), each kind's rate and latencies reported; then the run waits past the collection age
/// until no member is active and compares the heap with the start (the target: within 20%); then until what
/// Orleans keeps of those grains past their activations (directory cache entries, reminder markers) expires on its own
/// timers, measuring once more, so the difference's holder shows; last it counts what the store holds (a row and a
/// reminder per member written, nothing for the reads).
/// <c>dotnet run --project src/NotificationActors.Lab -c Release -- load idle-members [--members N] [--concurrency C] [--collection-age S]</c>
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
        var age = TimeSpan.FromSeconds(settings.CollectionAgeSeconds);
        var quantum = TimeSpan.FromSeconds(settings.CollectionAgeSeconds / QuantaPerAge);
        var siloSettings = new SiloSettings("http://127.0.0.1:0", StorageDeployments.Sqlite, 0, 0, Path.Combine(Path.GetTempPath(), "na-idle-members-" + Guid.NewGuid().ToString("N")));
        var silo = SiloHost.Build(siloSettings, ["--Logging:LogLevel:Default=Warning"], builder => builder.Services.Configure<GrainCollectionOptions>(o =>
        {
            o.CollectionAge = age;
            o.CollectionQuantum = quantum;
        }));
        try
        {
            await silo.StartAsync();
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency }) { BaseAddress = new Uri(silo.Urls.Single()) };
            var api = new MemberApi(http);
            var management = silo.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0);
            using var gauges = new OrleansGauges();

            HeapSnapshot start = null!;
            CallPhase writes = null!, reads = null!;
            var writesEnded = 0L;
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
                writes = await CallPhase.RunAsync(members, concurrency, HttpStatusCode.OK, context.AddTask("members written (POST .../opportunities)", maxValue: members),
                    m => api.PostAsync(Route(Written, m, "/opportunities"), Opportunity()));
                writesEnded = Stopwatch.GetTimestamp();
                reads = await CallPhase.RunAsync(members, concurrency, HttpStatusCode.NotFound, context.AddTask("never-created members read (GET .../plan)", maxValue: members),
                    m => api.GetAsync(Route(Unknown, m, "/plan")));
            });

            var table = new Table()
                .Title($"Idle members on SQLite: {members:N0} written, {members:N0} never-created read, {concurrency} concurrent, collection age {age.TotalSeconds:F0} s (quantum {quantum.TotalSeconds:F0} s)")
                .AddColumns("calls", "per s", "p50 ms", "p95 ms", "p99 ms", "max ms", "unexpected");
            AddRow(table, "writes (POST opportunity)", writes);
            AddRow(table, "unknown reads (GET plan)", reads);
            console.Write(table);

            var after = await HeapSnapshot.TakeAsync(management, gauges);
            console.MarkupLine(CultureInfo.InvariantCulture, "Right after: managed heap {0:N1} MB live (start {1:N1} MB), {2:N0} activations ({3:N0} members)",
                after.LiveBytes / Megabyte, start.LiveBytes / Megabyte, after.Activations, after.MemberActivations);

            var left = 0;
            await console.Progress().StartAsync(async context => left = await WaitAsync(
                context.AddTask("members idle past the collection age"), writesEnded, age + quantum, age + quantum + DeactivationAllowance, async () =>
                {
                    var active = await HeapSnapshot.MemberActivationsAsync(management);
                    return (active, $"{active:N0} members active");
                }));
            var collected = await HeapSnapshot.TakeAsync(management, gauges);
            console.MarkupLine(CultureInfo.InvariantCulture, "Collected: managed heap {0:N1} MB live, {1:N2} of the start", collected.LiveBytes / Megabyte, (double)collected.LiveBytes / start.LiveBytes);

            // What Orleans keeps per grain after its activation is gone expires on Orleans' own timers: the directory
            // cache's entries after their time to live, the reminder service's markers at its next read of the table.
            var lingering = 0;
            var callsEnded = Stopwatch.GetTimestamp();
            await console.Progress().StartAsync(async context => lingering = await WaitAsync(
                context.AddTask("Orleans' directory cache and reminder markers expiring"), callsEnded, TimeSpan.Zero, CacheAllowance, () =>
                {
                    var now = gauges.Read();
                    var cached = Math.Max(0, now.GetValueOrDefault(OrleansGauges.DirectoryCache) - start.Gauges.GetValueOrDefault(OrleansGauges.DirectoryCache));
                    var tracked = Math.Max(0, now.GetValueOrDefault(OrleansGauges.Reminders) - start.Gauges.GetValueOrDefault(OrleansGauges.Reminders));
                    return Task.FromResult(((int)Math.Max(cached, tracked), $"{cached:N0} directory cache entries and {tracked:N0} reminders tracked over the start"));
                }));
            var expired = await HeapSnapshot.TakeAsync(management, gauges);
            Report(console, start, after, collected, expired, left, lingering);

            using var store = new MemberStoreFile(siloSettings.Location);
            var (stored, _) = store.Rows(Written);
            var reminders = store.Reminders(Written);
            var (unknownStored, unknownCleared) = store.Rows(Unknown);
            var unknown = unknownStored + unknownCleared + store.Reminders(Unknown);
            var (_, forgotten) = store.Rows(WarmUp);
            var forgottenReminders = store.Reminders(WarmUp);
            var rows = new Table().Title("What the store holds").AddColumns("rows", "count", "expected");
            rows.AddRow("members written: rows holding a state", $"{stored:N0}", $"{members:N0}");
            rows.AddRow("members written: reminders", $"{reminders:N0}", $"{members:N0}");
            rows.AddRow("never-created members read: rows and reminders", $"{unknown:N0}", "0");
            rows.AddRow("warm-up members forgotten: rows cleared", $"{forgotten:N0}", $"{WarmUpMembers:N0}");
            rows.AddRow("warm-up members forgotten: reminders", $"{forgottenReminders:N0}", "0");
            console.Write(rows);
            console.MarkupLine(stored == members && reminders == members && unknown == 0 && forgottenReminders == 0
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

    private static void Report(IAnsiConsole console, HeapSnapshot start, HeapSnapshot after, HeapSnapshot collected, HeapSnapshot expired, int left, int lingering)
    {
        HeapSnapshot[] columns = [start, after, collected, expired];
        var table = new Table()
            .Title("After full blocking compacting collections")
            .AddColumns("", "start", "right after", "collected", "caches expired");
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

        var ratio = (double)collected.LiveBytes / start.LiveBytes;
        console.MarkupLine(left == 0 && ratio <= 1 + HeapTolerance
            ? "[green]target met[/]: once every member is collected, the heap is within 20% of the start"
            : $"[red]TARGET MISSED[/]: the target is every member collected ({left:N0} still active) and the heap then within 20% of the start ({ratio:F2})");
        console.MarkupLine(lingering == 0
            ? $"once Orleans' directory cache entries and reminder markers expired: {(double)expired.LiveBytes / start.LiveBytes:F2} of the start"
            : $"Orleans' directory cache entries and reminder markers had not all expired after {CacheAllowance.TotalMinutes:F0} minutes ({lingering:N0} over the start)");
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
