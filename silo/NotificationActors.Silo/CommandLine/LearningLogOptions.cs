using System.CommandLine;
using NotificationActors.Abstractions.Learning;
using NotificationActors.Learning.Training;
using NotificationActors.Policy.Time;
using NotificationActors.Silo.Hosting;
using Spectre.Console;

namespace NotificationActors.Silo.CommandLine;

/// <summary>
/// The options offline verbs (<c>train</c>, <c>evaluate</c>) share to find the deployment's learning log and its
/// model versions: the store (a SQLite folder, a PostgreSQL database or an Azure Storage account), the weeks to read,
/// the folder versions are exported to.
/// </summary>
internal sealed class LearningLogOptions
{
    private readonly ConfiguredOptions _configured;
    private readonly StorageOptions _store;

    private readonly Option<DirectoryInfo?> _models = new("--models") { Description = "Folder train exports each version's files to, for reading (default: <data>/models)." };

    /// <param name="configured">Where the store's options not given as flags are read from.</param>
    public LearningLogOptions(ConfiguredOptions configured)
    {
        _configured = configured;
        _store = new([.. StorageDeployments.All.Where(d => d.KeepsLearning)], "Where the learning log and the model versions are", configured: configured);
        From = WeekOption("--from", "First ISO week to read, e.g. 2026-W30 (default: the oldest logged).");
        To = WeekOption("--to", "Last ISO week to read (default: the newest logged).");
    }

    public Option<string?> From { get; }

    public Option<string?> To { get; }

    /// <summary>Adds the options to <paramref name="command"/>; <paramref name="exportsVersions"/> adds the export folder too.</summary>
    public void AddTo(Command command, bool exportsVersions = false)
    {
        _store.AddTo(command);
        _configured.AddChecksTo(command);
        command.Options.Add(From);
        command.Options.Add(To);

        if (exportsVersions)
        {
            command.Options.Add(_models);
        }

        command.Validators.Add(result =>
        {
            if (result.GetValue(From) is { } first && result.GetValue(To) is { } last && IsoWeek.Parse(first) > IsoWeek.Parse(last))
                result.AddError($"--from {first} is after --to {last}.");
        });
    }

    /// <summary>The folder <c>train</c> exports versions to.</summary>
    public string ExportFolder(ParseResult parseResult) =>
        parseResult.GetValue(_models)?.FullName ?? Path.Combine(_store.Data(parseResult).FullName, "models");

    /// <summary>Opens the log; an offline job never creates a store.</summary>
    public Task<ILearningLogConnection> OpenAsync(ParseResult parseResult, CancellationToken cancellationToken) =>
        _store.Deployment(parseResult).OpenLearningLogAsync(_store.Location(parseResult), cancellationToken);

    /// <summary>Opens the deployment's model versions, in the same store as the log.</summary>
    public Task<IModelStoreConnection> OpenModelsAsync(ParseResult parseResult, CancellationToken cancellationToken) =>
        _store.Deployment(parseResult).OpenModelStoreAsync(_store.Location(parseResult), cancellationToken);

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
