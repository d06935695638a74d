using System.CommandLine;
using NotificationActors.Abstractions.Learning;
using NotificationActors.Learning.Training;
using NotificationActors.Policy.Time;
using NotificationActors.Silo.Hosting;
using NotificationActors.Storage.Azure.Learning;
using NotificationActors.Storage.Postgres.Learning;
using NotificationActors.Storage.Sqlite.Learning;
using Spectre.Console;

namespace NotificationActors.Silo.CommandLine;

/// <summary>
/// The options offline verbs (<c>train</c>, <c>evaluate</c>) share to find the deployment's learning log and its
/// model versions: the store (a SQLite folder, a PostgreSQL database or an Azure Storage account), the weeks to read,
/// the folder versions are exported to.
/// </summary>
internal sealed class LearningLogOptions
{
    private readonly Option<string> _storage = new("--storage")
    {
        Description = "Where the learning log is: sqlite (the file under --data), postgres (--postgres) or azure (--azure).",
        DefaultValueFactory = _ => "sqlite",
    };

    private readonly Option<DirectoryInfo> _data = new("--data")
    {
        Description = "Folder of the embedded SQLite store (--storage sqlite).",
        DefaultValueFactory = _ => new DirectoryInfo(SiloSettings.DefaultDataDirectory),
    };

    private readonly Option<string> _postgres = new("--postgres") { Description = "Npgsql connection string of the PostgreSQL database (--storage postgres)." };

    private readonly Option<string> _azure = new("--azure") { Description = "Azure Storage connection string of the account (--storage azure)." };

    private readonly Option<DirectoryInfo?> _models = new("--models") { Description = "Folder train exports each version's files to, for reading (default: <data>/models)." };

    public LearningLogOptions()
    {
        _storage.AcceptOnlyFromAmong("sqlite", "postgres", "azure");
        From = WeekOption("--from", "First ISO week to read, e.g. 2026-W30 (default: the oldest logged).");
        To = WeekOption("--to", "Last ISO week to read (default: the newest logged).");
    }

    public Option<string?> From { get; }

    public Option<string?> To { get; }

    /// <summary>Adds the options to <paramref name="command"/>; <paramref name="exportsVersions"/> adds the export folder too.</summary>
    public void AddTo(Command command, bool exportsVersions = false)
    {
        foreach (var option in new Option[] { _storage, _data, _postgres, _azure, From, To })
        {
            command.Options.Add(option);
        }

        if (exportsVersions)
        {
            command.Options.Add(_models);
        }

        command.Validators.Add(result =>
        {
            var storage = result.GetValue(_storage);
            foreach (var (store, option) in new[] { ("postgres", _postgres), ("azure", _azure) })
            {
                if (storage == store && string.IsNullOrWhiteSpace(result.GetValue(option)))
                    result.AddError($"--storage {store} needs {option.Name} \"<connection string>\".");
                if (storage != store && result.GetResult(option) is not null)
                    result.AddError($"{option.Name} is only used with --storage {store}.");
            }

            if (result.GetValue(From) is { } first && result.GetValue(To) is { } last && IsoWeek.Parse(first) > IsoWeek.Parse(last))
                result.AddError($"--from {first} is after --to {last}.");
        });
    }

    /// <summary>The folder <c>train</c> exports versions to.</summary>
    public string ExportFolder(ParseResult parseResult) =>
        parseResult.GetValue(_models)?.FullName ?? Path.Combine(parseResult.GetRequiredValue(_data).FullName, "models");

    /// <summary>Opens the log; an offline job never creates a store, so a missing SQLite file names the folder instead.</summary>
    public async Task<ILearningLogConnection> OpenAsync(ParseResult parseResult, CancellationToken cancellationToken) => parseResult.GetValue(_storage) switch
    {
        "postgres" => await PostgresLearningLogDatabase.OpenAsync(parseResult.GetRequiredValue(_postgres), cancellationToken),
        "azure" => AzureLearningLogTable.Open(parseResult.GetRequiredValue(_azure)),
        _ => SqliteLearningLogFile.Open(ExistingSqliteFile(parseResult)),
    };

    /// <summary>Opens the deployment's model versions, in the same store as the log.</summary>
    public Task<IModelStoreConnection> OpenModelsAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var storage = Enum.Parse<StorageKind>(parseResult.GetRequiredValue(_storage), ignoreCase: true);
        return ModelStores.OpenAsync(storage, storage == StorageKind.Sqlite ? ExistingSqliteFile(parseResult) : "",
            parseResult.GetValue(_postgres), parseResult.GetValue(_azure), cancellationToken);
    }

    private string ExistingSqliteFile(ParseResult parseResult)
    {
        var file = Path.Combine(parseResult.GetRequiredValue(_data).FullName, SiloSettings.SqliteFileName);
        return File.Exists(file) ? file : throw new IOException($"There is no store at {file}; give --data the folder a silo ran with.");
    }

    /// <summary>Runs an offline job under a one-line progress display: its stage, the records read, the time taken.</summary>
    public static async Task<T> WithProgressAsync<T>(IAnsiConsole console, Func<IProgress<TrainingProgress>, Task<T>> job)
    {
        T result = default!;
        await console.Progress()
            .Columns(new TaskDescriptionColumn(), new SpinnerColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("reading the learning log");
                task.IsIndeterminate = true;
                result = await job(new SynchronousProgress<TrainingProgress>(p => task.Description = $"{p.Stage} ({p.RecordsRead:N0} records)"));
                task.StopTask();
            });
        return result;
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
}
