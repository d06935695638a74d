using System.Diagnostics;
using Microsoft.Data.Sqlite;
using NotificationActors.Abstractions.Learning;
using NotificationActors.Learning.Artefacts;
using NotificationActors.Learning.Training;
using NotificationActors.Simulation.Learning;
using NotificationActors.Storage.Sqlite.Learning;
using Spectre.Console;

namespace NotificationActors.Lab.Load.Learning;

/// <summary>
/// Training at scale: a synthetic learning log of N member-weeks (the product's 10% exploration) read into rows
/// and the four models fitted by the <c>train</c> job, each stage timed. Reading the log is the baseline in the
/// same run: training's cost shows as a ratio to merely streaming the records once. With <c>--sqlite</c> the
/// records are first written to a SQLite store (untimed) and read back from it, JSON parsing included, as
/// <c>train</c> reads a deployment. Saving the version is left out of the timings.
/// <c>dotnet run --project src/NotificationActors.Lab -c Release -- load train [--member-weeks 1000000] [--exploration 0.1] [--sqlite]</c>
/// </summary>
internal static class TrainingLoadRun
{
    public const int WeeksPerMember = 8;

    // The card's names of the heads whose validation the run prints (ModelCard.Heads).
    private const string EngagementHead = "engagement";
    private const string PushOptOutHead = "pushOptOut";

    /// <exception cref="InvalidDataException">The log is too small to train on.</exception>
    public static async Task RunAsync(TrainingLoadSettings settings, IAnsiConsole console)
    {
        var members = settings.MemberWeeks / WeeksPerMember;
        var folder = Directory.CreateTempSubdirectory("na-train-bench-").FullName;
        try
        {
            await using var store = SqliteLearningLogFile.Open(Path.Combine(folder, "store.db"));
            var stages = new List<(string Stage, TimeSpan Took)>();
            ModelCard card = null!;
            await console.Progress().StartAsync(async context =>
            {
                if (settings.FromSqlite)
                {
                    var filling = context.AddTask("writing the log to SQLite (untimed)", maxValue: members * WeeksPerMember);
                    foreach (var chunk in SyntheticWorld.Log(members, WeeksPerMember, settings.Exploration, seed: 1).Chunk(2_000))
                    {
                        await Task.WhenAll(chunk.Select(r => store.AppendAsync(r)));
                        filling.Increment(chunk.Length);
                    }
                }

                var reading = context.AddTask("reading the learning log", maxValue: members * WeeksPerMember);
                var training = context.AddTask("training", maxValue: 6);
                string? current = null;
                var clock = Stopwatch.StartNew();

                // The job reports its first stage (reading) as records come in, then each stage once as it starts:
                // a stage runs from its report to the next one's, and the last (saving) is not timed.
                var progress = new SynchronousProgress<TrainingProgress>(p =>
                {
                    if (current is null || p.Stage == current)
                    {
                        current = p.Stage;
                        reading.Value = p.RecordsRead;
                        return;
                    }

                    stages.Add(stages.Count == 0
                        ? ($"{(settings.FromSqlite ? "read from SQLite" : "generate and read")} {p.RecordsRead:N0} records (baseline)", clock.Elapsed)
                        : (current, clock.Elapsed));
                    clock.Restart();
                    current = p.Stage;
                    reading.Value = reading.MaxValue;
                    training.Description = p.Stage;
                    training.Increment(1);
                });
                ILearningLog log = settings.FromSqlite ? store : new GeneratedLearningLog(members, WeeksPerMember, settings.Exploration);
                card = await ModelTraining.TrainAsync(log, null, null, new FolderModelStore(Path.Combine(folder, "models")), "bench", new RewardTrainingOptions(), progress);
                training.Value = training.MaxValue;
                console.MarkupLine($"engagement r2 {card.Heads[EngagementHead].Metrics["r2"]:F3}, " +
                    $"push opt-out calibration error {card.Heads[PushOptOutHead].Metrics["calibrationError"]:G3}");
            });
            Report(console, card, stages);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static void Report(IAnsiConsole console, ModelCard card, List<(string Stage, TimeSpan Took)> stages)
    {
        var total = stages.Aggregate(TimeSpan.Zero, (sum, stage) => sum + stage.Took);
        var read = stages[0].Took;
        var table = new Table()
            .Title($"Training on {card.Records:N0} member-weeks ({card.ExploredWeeks:N0} explored), {Environment.ProcessorCount} cores")
            .AddColumns("stage", "seconds", "ratio to reading");
        foreach (var (stage, took) in stages)
        {
            table.AddRow(stage, $"{took.TotalSeconds:F1}", $"{took / read:F2}");
        }

        table.AddRow("[bold]total[/]", $"[bold]{total.TotalSeconds:F1}[/]", $"{total / read:F2}");
        console.Write(table);
        console.MarkupLine(total < TimeSpan.FromMinutes(1)
            ? "[green]target met[/]: under a minute"
            : "[red]TARGET MISSED[/]: the target is under a minute for 1,000,000 member-weeks");
    }
}
