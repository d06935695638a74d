using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;
using NotificationActors.Abstractions.Learning;
using NotificationActors.Learning.Artefacts;
using NotificationActors.Learning.Training;
using NotificationActors.Policy.Slow;
using NotificationActors.Policy.Time;
using NotificationActors.Silo.Hosting;
using NotificationActors.Storage.Postgres.Learning;
using NotificationActors.Storage.Sqlite.Learning;
using Spectre.Console;

namespace NotificationActors.Silo.CommandLine;

/// <summary><c>train</c>: the deployment's learning log in, a new model version (ML.NET files and card.json) out.</summary>
internal static partial class TrainCommand
{
    public static Command Create()
    {
        var storage = new Option<string>("--storage")
        {
            Description = "Where the learning log is: sqlite (the file under --data) or postgres (--postgres).",
            DefaultValueFactory = _ => "sqlite",
        };
        storage.AcceptOnlyFromAmong("sqlite", "postgres");
        var data = new Option<DirectoryInfo>("--data")
        {
            Description = "Folder of the embedded SQLite store; model versions go to its models/ folder unless --models says otherwise.",
            DefaultValueFactory = _ => new DirectoryInfo(SiloSettings.DefaultDataDirectory),
        };
        var postgres = new Option<string>("--postgres") { Description = "Npgsql connection string of the PostgreSQL database (--storage postgres)." };
        var from = WeekOption("--from", "First ISO week to learn from, e.g. 2026-W30 (default: the oldest logged).");
        var to = WeekOption("--to", "Last ISO week to learn from (default: the newest logged).");
        var models = new Option<DirectoryInfo?>("--models") { Description = "Folder of model versions (default: <data>/models)." };
        var version = new Option<string>("--model-version")
        {
            Description = "Name of the new version (letters, digits, '.', '-', '_'); default learned-<UTC time>.",
            DefaultValueFactory = _ => "learned-" + DateTimeOffset.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture),
        };
        version.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && !VersionName().IsMatch(result.Tokens[^1].Value))
            {
                result.AddError($"--model-version: '{result.Tokens[^1].Value}' must be 1 to 64 letters, digits, '.', '-' or '_'.");
            }
        });
        var messageCost = BoundedOptions.Create("--message-cost", "The message cost the concavity check evaluates the utility with.", SlowPolicyOptions.DefaultMessageCost, 0.0, 7.0);

        var command = new Command("train", "Learn the reward and opt-out models from the learning log and save them as a new model version.")
        {
            storage, data, postgres, from, to, models, version, messageCost,
        };
        command.Validators.Add(result =>
        {
            var usesPostgres = result.GetValue(storage) == "postgres";
            if (usesPostgres && string.IsNullOrWhiteSpace(result.GetValue(postgres)))
                result.AddError("--storage postgres needs --postgres \"<connection string>\".");
            if (!usesPostgres && result.GetResult(postgres) is not null)
                result.AddError("--postgres is only used with --storage postgres.");
            if (result.GetValue(from) is { } first && result.GetValue(to) is { } last && IsoWeek.Parse(first) > IsoWeek.Parse(last))
                result.AddError($"--from {first} is after --to {last}.");
        });
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(parseResult.InvocationConfiguration.Output) });
            var dataDirectory = parseResult.GetRequiredValue(data).FullName;
            var root = parseResult.GetValue(models)?.FullName ?? Path.Combine(dataDirectory, "models");
            var options = new RewardTrainingOptions { Policy = new SlowPolicyOptions { MessageCost = parseResult.GetValue(messageCost) } };
            try
            {
                await using var log = parseResult.GetValue(storage) == "postgres"
                    ? await PostgresLearningLogDatabase.OpenAsync(parseResult.GetRequiredValue(postgres), cancellationToken)
                    : OpenSqlite(dataDirectory);
                var (card, folder) = await TrainAsync(console, log, parseResult.GetValue(from), parseResult.GetValue(to), root, parseResult.GetRequiredValue(version), options, cancellationToken);
                Report(console, card, folder);
                return 0;
            }
            catch (Exception e) when (e is InvalidDataException or IOException or ArgumentException or Npgsql.NpgsqlException)
            {
                parseResult.InvocationConfiguration.Error.WriteLine($"train: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    private static ILearningLogConnection OpenSqlite(string dataDirectory)
    {
        var file = Path.Combine(dataDirectory, SiloSettings.SqliteFileName);

        // Training never creates a store: a missing file is a wrong --data, not an empty log.
        return File.Exists(file)
            ? SqliteLearningLogFile.Open(file)
            : throw new IOException($"There is no store at {file}; give --data the folder a silo ran with.");
    }

    private static async Task<(ModelCard, string)> TrainAsync(IAnsiConsole console, ILearningLog log, string? from, string? to, string root, string version,
        RewardTrainingOptions options, CancellationToken cancellationToken)
    {
        (ModelCard, string) result = default;
        await console.Progress()
            .Columns(new TaskDescriptionColumn(), new SpinnerColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("reading the learning log");
                task.IsIndeterminate = true;
                var progress = new SynchronousProgress<TrainingProgress>(p => task.Description = $"{p.Stage} ({p.RecordsRead:N0} records)");
                result = await ModelTraining.TrainAsync(log, from, to, root, version, options, progress, cancellationToken);
                task.StopTask();
            });
        return result;
    }

    private static void Report(IAnsiConsole console, ModelCard card, string folder)
    {
        console.MarkupLine($"Model version [bold]{card.Version.EscapeMarkup()}[/] from {card.Records:N0} records ({card.DataFrom} to {card.DataTo}): " +
            $"{card.PlannedWeeks:N0} planned weeks, {card.ExploredWeeks:N0} explored.");
        var rewards = new Table().Title("reward models (SDCA regression, explored weeks)").AddColumns("model", "train rows", "validation rows", "rmse", "r2");
        var optOuts = new Table().Title("opt-out models (L-BFGS logistic regression)").AddColumns("model", "train rows", "validation rows", "base rate", "auc", "calibration error");
        foreach (var (name, head) in card.Heads)
        {
            string Metric(string key) => head.Metrics.TryGetValue(key, out var value) ? value.ToString("G3", CultureInfo.InvariantCulture) : "-";
            if (head.PlattSlope is null)
            {
                rewards.AddRow(name, $"{head.TrainRows:N0}", $"{head.ValidationRows:N0}", Metric("rmse"), Metric("r2"));
            }
            else
            {
                optOuts.AddRow(name, $"{head.TrainRows:N0}", $"{head.ValidationRows:N0}", Metric("baseRate"), Metric("auc"), Metric("calibrationError"));
            }
        }

        console.Write(rewards);
        console.Write(optOuts);
        var concavity = card.Concavity;
        console.MarkupLine(concavity.Where.Length == 0
            ? $"[green]Utility concave[/] in both frequencies for all {concavity.MembersChecked:N0} members checked."
            : $"[yellow]Utility {concavity.Where.EscapeMarkup()}[/] (largest upward bend {concavity.LargestViolation:G3} per message).");
        console.MarkupLine($"Saved to {folder.EscapeMarkup()}");
    }

    private static Option<string?> WeekOption(string name, string description)
    {
        var option = new Option<string?>(name) { Description = description };
        option.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && !IsoWeek.TryParse(result.Tokens[^1].Value, out _))
            {
                result.AddError($"{name}: '{result.Tokens[^1].Value}' is not an ISO week such as 2026-W48.");
            }
        });
        return option;
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex VersionName();
}
