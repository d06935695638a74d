using NotificationActors.Abstractions.Learning;
using NotificationActors.Storage.Sqlite.Database;

namespace NotificationActors.Storage.Sqlite.Models;

/// <summary>Opens the model versions of a SQLite store file outside a silo (for <c>train</c>, <c>evaluate</c> and <c>run</c>).</summary>
public static class SqliteModelStoreFile
{
    /// <summary>The model store in <paramref name="dataSource"/>; the file is created with its schema if missing.</summary>
    public static IModelStoreConnection Open(string dataSource)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataSource);
        return new SqliteModelStore(new SqliteModelStoreOptions { DataSource = dataSource }, new SqliteDatabaseRegistry(), ownsRegistry: true);
    }
}
