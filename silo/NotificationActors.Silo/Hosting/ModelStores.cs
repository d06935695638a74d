using NotificationActors.Abstractions.Learning;
using NotificationActors.Storage.Azure.Models;
using NotificationActors.Storage.Postgres.Models;
using NotificationActors.Storage.Sqlite.Models;

namespace NotificationActors.Silo.Hosting;

/// <summary>The model versions of a silo's storage deployment: the SQLite file, the PostgreSQL database or the Azure account.</summary>
internal static class ModelStores
{
    /// <exception cref="InvalidDataException">The deployment keeps no model versions (memory storage).</exception>
    public static Task<IModelStoreConnection> OpenAsync(SiloSettings settings, CancellationToken cancellationToken) =>
        OpenAsync(settings.Storage, settings.SqlitePath, settings.PostgresConnectionString, settings.AzureConnectionString, cancellationToken);

    /// <summary>The model store of storage <paramref name="storage"/>, given the place each kind keeps it.</summary>
    /// <exception cref="InvalidDataException">The deployment keeps no model versions (memory storage).</exception>
    public static async Task<IModelStoreConnection> OpenAsync(StorageKind storage, string sqlitePath, string? postgres, string? azure, CancellationToken cancellationToken) => storage switch
    {
        StorageKind.Sqlite => SqliteModelStoreFile.Open(sqlitePath),
        StorageKind.Postgres => await PostgresModelStoreDatabase.OpenAsync(
            postgres ?? throw new InvalidOperationException("--storage postgres needs a connection string."), cancellationToken),
        StorageKind.Azure => AzureModelStore.Open(azure ?? throw new InvalidOperationException("--storage azure needs a connection string.")),
        _ => throw new InvalidDataException($"--storage {storage.ToString().ToLowerInvariant()} keeps no model versions; serve one from sqlite, postgres or azure storage."),
    };
}
