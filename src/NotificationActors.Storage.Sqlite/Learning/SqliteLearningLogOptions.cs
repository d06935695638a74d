namespace NotificationActors.Storage.Sqlite.Learning;

/// <summary>Options of the SQLite learning log.</summary>
public sealed class SqliteLearningLogOptions : SqliteStoreOptions;
