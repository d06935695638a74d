using NotificationActors.Abstractions.Learning;
using NotificationActors.Storage.Azure.Models;
using NotificationActors.Storage.Postgres.Models;
using NotificationActors.Storage.Sqlite.Models;

namespace NotificationActors.Silo.Hosting;

/// <summary>The model versions of a silo's storage deployment: the SQLite file, the PostgreSQL database or the Azure account.</summary>
internal static class ModelStores
{
    /// <exception cref="InvalidDataException">The deployment keeps no model versions (memory storage).</exception>
    public static async Task<IModelStoreConnection> OpenAsync(SiloSettings settings, CancellationToken cancellationToken) => settings.Storage switch
    {
        StorageKind.Sqlite => SqliteModelStoreFile.Open(settings.SqlitePath),
        StorageKind.Postgres => await PostgresModelStoreDatabase.OpenAsync(
            settings.PostgresConnectionString ?? throw new InvalidOperationException("--storage postgres needs a connection string."), cancellationToken),
        StorageKind.Azure => AzureModelStore.Open(settings.AzureConnectionString ?? throw new InvalidOperationException("--storage azure needs a connection string.")),
        _ => throw new InvalidDataException($"--storage {settings.Storage.ToString().ToLowerInvariant()} keeps no model versions; serve one from sqlite, postgres or azure storage."),
    };
}
