using NotificationActors.Storage;
using NotificationActors.Storage.Azure.Hosting;
using NotificationActors.Storage.Postgres.Hosting;
using NotificationActors.Storage.Sqlite.Hosting;

namespace NotificationActors.Silo.Hosting;

/// <summary>The storage deployments this build offers (docs/operations.md): the one list a new store joins.</summary>
internal static class StorageDeployments
{
    public static StorageDeployment Sqlite { get; } = new SqliteDeployment();

    public static StorageDeployment Postgres { get; } = new PostgresDeployment();

    public static StorageDeployment Azure { get; } = new AzureDeployment();

    public static StorageDeployment Memory { get; } = new MemoryDeployment();

    /// <summary>Every deployment, the default first.</summary>
    public static IReadOnlyList<StorageDeployment> All { get; } = [Sqlite, Azure, Postgres, Memory];
}
