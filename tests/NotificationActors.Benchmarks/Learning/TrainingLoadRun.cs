using System.Diagnostics;
using NotificationActors.Abstractions.Learning;
using NotificationActors.Learning.Training;
using NotificationActors.Simulation.Learning;
using Spectre.Console;

namespace NotificationActors.Benchmarks.Learning;

/// <summary>
/// Training at scale: a synthetic learning log of N member-weeks (the product's 10% exploration) read into rows
/// and the four models fitted, each stage timed. Reading the log is the baseline in the same run: training's
/// cost shows as a ratio to merely streaming the records once. With <c>--sqlite</c> the records are first written
/// to a SQLite store (untimed) and read back from it, JSON parsing included, as <c>train</c> reads a deployment.
/// <c>dotnet run -c Release --project tests/NotificationActors.Benchmarks -- train [--member-weeks 1000000] [--exploration 0.1] [--sqlite]</c>
/// </summary>
internal static class TrainingLoadRun
{
    private const int WeeksPerMember = 8;

    public static async Task<int> RunAsync(string[] args)
    {
        var memberWeeks = Http.HttpLoadRun.Option(args, "--member-weeks", 1_000_000);
        var exploration = double.Parse(args.SkipWhile(a => a != "--exploration").Skip(1).FirstOrDefault() ?? "0.1", System.Globalization.CultureInfo.InvariantCulture);
        var members = memberWeeks / WeeksPerMember;
        var fromSqlite = args.Contains("--sqlite");
        var folder = Directory.CreateTempSubdirectory("na-train-bench-").FullName;
        await using var store = NotificationActors.Storage.Sqlite.Learning.SqliteLearningLogFile.Open(Path.Combine(folder, "store.db"));
        var stages = new List<(string Stage, TimeSpan Took)>();
        LearningSet set = null!;
        await AnsiConsole.Progress().StartAsync(async context =>
        {
            if (fromSqlite)
            {
                var filling = context.AddTask("writing the log to SQLite (untimed)", maxValue: members * WeeksPerMember);
                foreach (var chunk in SyntheticWorld.Log(members, WeeksPerMember, exploration, seed: 1).Chunk(2_000))
                {
                    await Task.WhenAll(chunk.Select(r => store.AppendAsync(r)));
                    filling.Increment(chunk.Length);
                }
            }

            var reading = context.AddTask("reading the learning log", maxValue: members * WeeksPerMember);
            var clock = Stopwatch.StartNew();
            var records = fromSqlite ? store.ReadAsync() : Records(members, exploration);
            set = await LearningSet.ReadAsync(records, new SynchronousProgress<int>(read => reading.Value = read));
            reading.Value = reading.MaxValue;
            stages.Add(($"{(fromSqlite ? "read from SQLite" : "generate and read")} {set.Records:N0} records (baseline)", clock.Elapsed));

            var training = context.AddTask("training", maxValue: 6);
            clock.Restart();
            var trainer = new RewardModelTrainer(new RewardTrainingOptions());
            var last = "";
            var trained = trainer.Train(set, "bench", new SynchronousProgress<string>(stage =>
            {
                if (last.Length > 0) stages.Add((last, clock.Elapsed));
                clock.Restart();
                last = stage;
                training.Description = stage;
                training.Increment(1);
            }));
            stages.Add((last, clock.Elapsed));
            training.Value = training.MaxValue;
            AnsiConsole.MarkupLine($"engagement r2 {trained.Card.Heads[RewardModelTrainer.EngagementHead].Metrics["r2"]:F3}, " +
                $"push opt-out calibration error {trained.Card.Heads[RewardModelTrainer.PushOptOutHead].Metrics["calibrationError"]:G3}");
        });
        var total = stages.Aggregate(TimeSpan.Zero, (sum, stage) => sum + stage.Took);

        var read = stages[0].Took;
        var table = new Table()
            .Title($"Training on {set.Records:N0} member-weeks ({set.Rows.Count(r => r.Explored):N0} explored), {Environment.ProcessorCount} cores")
            .AddColumns("stage", "seconds", "ratio to reading");
        foreach (var (stage, took) in stages)
        {
            table.AddRow(stage, $"{took.TotalSeconds:F1}", $"{took / read:F2}");
        }

        table.AddRow("[bold]total[/]", $"[bold]{total.TotalSeconds:F1}[/]", $"{total / read:F2}");
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine(total < TimeSpan.FromMinutes(1)
            ? "[green]target met[/]: under a minute"
            : "[red]TARGET MISSED[/]: the target is under a minute for 1,000,000 member-weeks");
        await store.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
        return 0;
    }

    private static async IAsyncEnumerable<MemberWeekRecord> Records(int members, double exploration)
    {
        foreach (var record in SyntheticWorld.Log(members, WeeksPerMember, exploration, seed: 1))
        {
            yield return record;
        }

        await Task.CompletedTask;
    }
}
