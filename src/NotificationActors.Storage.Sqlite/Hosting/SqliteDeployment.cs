using NotificationActors.Abstractions.Learning;
using NotificationActors.Storage.Sqlite.Health;
using NotificationActors.Storage.Sqlite.Learning;
using NotificationActors.Storage.Sqlite.Models;
using NotificationActors.Storage.Sqlite.Storage;

namespace NotificationActors.Storage.Sqlite.Hosting;

/// <summary>The embedded default: grain state, reminders, the learning log and model versions in one SQLite file under the data folder.</summary>
public sealed class SqliteDeployment : StorageDeployment
{
    /// <summary>Name of the store's file inside the data folder.</summary>
    public const string FileName = "notification-actors.db";

    public override string Name => "sqlite";

    public override string Description => $"one file, {FileName}, under the data folder";

    /// <summary>The store's file in <paramref name="location"/>'s data folder.</summary>
    public static string FileOf(StorageLocation location) => Path.Combine(location.DataDirectory, FileName);

    public override void AddTo(ISiloBuilder silo, StorageLocation location, GrainStateStorage state)
    {
        var file = FileOf(location);
        silo.AddSqliteGrainStorage(state.Name, o => o.DataSource = file);
        state.WriteThrough<SqliteGrainStorageOptions>(silo);
        silo.UseSqliteReminderService(o => o.DataSource = file);
        silo.AddSqliteLearningLog(o => o.DataSource = file);
    }

    public override Microsoft.Extensions.Diagnostics.HealthChecks.IHealthCheck HealthCheck(StorageLocation location) => new SqliteFileHealthCheck(FileOf(location));

    public override Task<ILearningLogConnection> OpenLearningLogAsync(StorageLocation location, CancellationToken cancellationToken) =>
        Task.FromResult(SqliteLearningLogFile.Open(ExistingFile(location)));

    public override Task<IModelStoreConnection> OpenModelStoreAsync(StorageLocation location, CancellationToken cancellationToken) =>
        Task.FromResult(SqliteModelStoreFile.Open(ExistingFile(location)));

    // Opening a file creates it; an offline job asked for a folder no silo ran with should say so instead.
    private static string ExistingFile(StorageLocation location)
    {
        var file = FileOf(location);
        return File.Exists(file) ? file : throw new IOException($"There is no store at {file}; give --data the folder a silo ran with.");
    }
}
