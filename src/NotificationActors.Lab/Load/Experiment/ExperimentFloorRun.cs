using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using NotificationActors.Abstractions.Members;
using NotificationActors.Grains.Experiments;
using NotificationActors.Lab.Load.Storage;
using NotificationActors.Learning.Training;
using NotificationActors.Simulation.Experiment;
using NotificationActors.Simulation.World;
using Spectre.Console;

namespace NotificationActors.Lab.Load.Experiment;

/// <summary>
/// What the policy experiment's days cannot go below on this machine. The experiment makes one grain call per
/// member-day, each acknowledged only after the member's state is written; this run makes the same calls (traffic
/// sampled from the same world) on the experiment's own cluster, first to a grain that decides nothing and writes
/// nothing (Orleans' floor), then to one that writes a member-sized state through the members' storage (the store's
/// floor: in memory by default, as the experiment runs, or on SQLite), on SQLite times the writes alone as updates of
/// random rows on one connection, and last runs the real experiment for a week in the same process on the same store.
/// Each phase's rate is turned into the time a 100,000-member, 26-week run would take at it.
/// <c>dotnet run --project src/NotificationActors.Lab -c Release -- load experiment-floor [--members 100000] [--days 7] [--state-bytes 3400] [--concurrency 512] [--experiment-weeks 1] [--storage memory|sqlite]</c>
/// </summary>
internal static class ExperimentFloorRun
{
    /// <summary>The issue's experiment: 100,000 members for 26 weeks in 600 s.</summary>
    public const int TargetMembers = 100_000;
    private const int TargetWeeks = 26;
    private const int TargetSeconds = 600;
    private const int SampledMembers = 1_000;
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    public static async Task RunAsync(ExperimentFloorSettings settings, IAnsiConsole console)
    {
        var (members, days, stateBytes, concurrency, experimentWeeks, storage) =
            (settings.Members, settings.Days, settings.StateBytes, settings.Concurrency, settings.ExperimentWeeks, settings.Storage);
        var store = storage == ExperimentStorage.Memory ? "memory" : "SQLite";
        var traffic = SampleTraffic(days);
        var phases = new List<Phase>();

        await console.Progress().StartAsync(async context =>
        {
            await using (var cluster = await ExperimentCluster.StartAsync(storage, ExperimentOptions.DefaultSilos, Start, [new ArmOptions { Name = "floor" }], "floor", new SimulationOracle(), CancellationToken.None))
            {
                var factories = cluster.Grains;
                var grains = Enumerable.Range(0, members)
                    .Select(m => factories[m % factories.Count].GetGrain<IFloorGrain>(string.Create(CultureInfo.InvariantCulture, $"floor-{m}")))
                    .ToArray();

                // Untimed: activates every grain and writes its first state, so the timed writes update rows as the
                // experiment's do.
                await CallsAsync("", grains, traffic, days: 1, stateBytes, concurrency, context.AddTask("activating the grains (untimed)", maxValue: members));
                phases.Add(await CallsAsync("Orleans' floor: call, no write", grains, traffic, days, stateBytes: 0, concurrency, context.AddTask("grain calls, no write", maxValue: (long)members * days)));
                phases.Add(await CallsAsync($"{store} floor: call + state write", grains, traffic, days, stateBytes, concurrency, context.AddTask("grain calls with a state write", maxValue: (long)members * days)));
            }

            if (storage == ExperimentStorage.Sqlite)
            {
                phases.Add(RawUpdates(members, days, stateBytes, context.AddTask("SQLite updates alone", maxValue: (long)members * days)));
            }

            if (experimentWeeks > 0)
            {
                phases.Add(await ExperimentAsync(members, experimentWeeks, concurrency, storage, context.AddTask("the experiment", maxValue: (long)members * experimentWeeks * 7)));
            }
        });

        Report(console, members, days, stateBytes, phases);
    }

    // A week of a sample of the world's members, as the experiment sends it: each day's opportunities with the
    // previous day's activity. (Feedback is left out: it needs the policies' sends, and it is a small share of a call.)
    private static MemberTraffic[][] SampleTraffic(int days)
    {
        var world = new SimulatedWorld(seed: 1, options: null, SampledMembers);
        return world.Members.Select(member =>
        {
            var calls = new MemberTraffic[days];
            IReadOnlyList<NotificationActors.Abstractions.Members.ActivityEvent> activity = [];
            for (var day = 0; day < days; day++)
            {
                var date = DateOnly.FromDateTime(Start.AddDays(day).UtcDateTime);
                calls[day] = new MemberTraffic { Activity = activity, Opportunities = [.. member.OpportunitiesOn(date).Select(o => o.ToRequest())] };
                activity = member.EndOfDay(date).Activity;
            }

            return calls;
        }).ToArray();
    }

    // One call per member-day, a day at a time, at most concurrency in flight, as the experiment's driver calls.
    private static async Task<Phase> CallsAsync(string name, IFloorGrain[] grains, MemberTraffic[][] traffic, int days, int stateBytes, int concurrency, ProgressTask progress)
    {
        var latencies = new long[(long)grains.Length * days];
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        for (var day = 0; day < days; day++)
        {
            var offset = (long)day * grains.Length;
            await Parallel.ForEachAsync(Enumerable.Range(0, grains.Length), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (member, _) =>
            {
                var started = Stopwatch.GetTimestamp();
                await grains[member].Apply(traffic[member % traffic.Length][day], stateBytes);
                latencies[offset + member] = Stopwatch.GetTimestamp() - started;
            });
            progress.Increment(grains.Length);
        }

        return Measured(name, latencies.Length, clock.Elapsed, Process.GetCurrentProcess().TotalProcessorTime - cpu, latencies);
    }

    // The writes alone: a table of one row per member, then the calls' number of updates of random rows, in
    // transactions of 512 on one connection with the store's WAL settings: the single writer's own ceiling.
    private static Phase RawUpdates(int members, int days, int stateBytes, ProgressTask progress)
    {
        var folder = Directory.CreateTempSubdirectory("na-floor-").FullName;
        try
        {
            using var connection = new SqliteConnection($"Data Source={Path.Combine(folder, "raw.db")};Pooling=False");
            connection.Open();
            RawSqlite.Execute(connection, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -65536; PRAGMA mmap_size = 2147418112; PRAGMA wal_autocheckpoint = 16384;");
            var (insert, insertKey) = RawSqlite.PayloadTable(connection, "raw_state", stateBytes);
            using (insert)
            {
                RawSqlite.Batched(connection, insert, members, row => insertKey.Value = row);
            }

            var payload = new byte[stateBytes];
            Random.Shared.NextBytes(payload);

            using var update = connection.CreateCommand();
            update.CommandText = "UPDATE raw_state SET payload = $payload WHERE k = $k;";
            var updateKey = update.Parameters.Add("$k", SqliteType.Integer);
            var updatePayload = update.Parameters.AddWithValue("$payload", payload);
            var random = new Random(1);
            var updates = members * days;
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            RawSqlite.Batched(connection, update, updates, row =>
            {
                // A changed byte, as in every real write: SQLite skips the page write of a row rewritten unchanged.
                payload[row % stateBytes]++;
                updatePayload.Value = payload;
                updateKey.Value = random.Next(members);
            }, progress);
            return Measured("SQLite updates alone", updates, clock.Elapsed, Process.GetCurrentProcess().TotalProcessorTime - cpu, latencies: null);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    // The real thing, for comparison: the experiment's days, in the same process. Its CPU is counted from the first
    // progress report after the members were imported (the end of day one) to the end, so setup is left out.
    private static async Task<Phase> ExperimentAsync(int members, int weeks, int concurrency, ExperimentStorage storage, ProgressTask progress)
    {
        var options = new ExperimentOptions { Members = members, Weeks = weeks, Concurrency = concurrency, Start = Start, Storage = storage };
        (TimeSpan Cpu, long MemberDays)? first = null;
        var run = await PolicyExperiment.RunAsync(options, new SynchronousProgress<ExperimentProgress>(p =>
        {
            if (p.MemberDaysDone > 0) first ??= (Process.GetCurrentProcess().TotalProcessorTime, p.MemberDaysDone);
            progress.Value = p.MemberDaysDone;
        }));
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - first!.Value.Cpu;
        var memberDays = (long)options.MembersPerArm * ExperimentOptions.ArmNames.Count * weeks * 7;
        progress.Value = progress.MaxValue;
        var measured = Measured($"experiment days ({weeks} week{(weeks == 1 ? "" : "s")}, {storage.ToString().ToLowerInvariant()})", memberDays, run.Timings.Days, cpu, latencies: null);
        return measured with { CpuMicroseconds = cpu.TotalMicroseconds / (memberDays - first.Value.MemberDays) };
    }

    private static Phase Measured(string name, long calls, TimeSpan wall, TimeSpan cpu, long[]? latencies)
    {
        double? p50 = null, p99 = null;
        if (latencies is not null)
        {
            Array.Sort(latencies);
            p50 = Stopwatch.GetElapsedTime(0, latencies[latencies.Length / 2]).TotalMilliseconds;
            p99 = Stopwatch.GetElapsedTime(0, latencies[Math.Min(latencies.Length - 1, (int)(latencies.Length * 0.99))]).TotalMilliseconds;
        }

        return new Phase(name, calls / wall.TotalSeconds, cpu.TotalMicroseconds / calls, p50, p99);
    }

    private static void Report(IAnsiConsole console, int members, int days, int stateBytes, List<Phase> phases)
    {
        const long targetCalls = (long)TargetMembers * TargetWeeks * 7;
        var floor = phases[0].PerSecond;
        var table = new Table()
            .Title($"{members:N0} members x {days} days, {stateBytes:N0} B states, on the experiment's {ExperimentOptions.DefaultSilos}-silo cluster")
            .AddColumns("phase", "member-days / s", "to Orleans' floor", "CPU / member-day", "latency p50 / p99", $"{TargetMembers:N0} x {TargetWeeks} weeks at this rate");
        foreach (var phase in phases)
        {
            table.AddRow(
                Markup.Escape(phase.Name),
                $"{phase.PerSecond:N0}",
                $"{phase.PerSecond / floor:P0}",
                $"{phase.CpuMicroseconds:N0} us",
                phase.P50 is { } p50 ? $"{p50:F2} / {phase.P99:F2} ms" : "",
                $"{targetCalls / phase.PerSecond:N0} s");
        }

        // Spectre wraps at 80 columns when the output is a file; a wrapped table is hard to read in a log.
        if (!console.Profile.Out.IsTerminal) console.Profile.Width = Math.Max(console.Profile.Width, 150);
        console.Write(table);
        console.MarkupLine(CultureInfo.InvariantCulture,
            "A {0:N0}-member, {1}-week experiment makes {2:N0} member-day calls; the issue's target is {3} s for the whole run, setup and retraining included.",
            TargetMembers, TargetWeeks, targetCalls, TargetSeconds);
    }

    private sealed record Phase(string Name, double PerSecond, double CpuMicroseconds, double? P50, double? P99);
}
