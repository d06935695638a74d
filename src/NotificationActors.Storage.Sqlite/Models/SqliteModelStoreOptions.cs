namespace NotificationActors.Storage.Sqlite.Models;

/// <summary>Options of the SQLite model store.</summary>
public sealed class SqliteModelStoreOptions : SqliteStoreOptions;
