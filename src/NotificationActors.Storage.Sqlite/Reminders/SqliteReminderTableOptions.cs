namespace NotificationActors.Storage.Sqlite.Reminders;

/// <summary>Options of the SQLite reminder table.</summary>
public sealed class SqliteReminderTableOptions : SqliteStoreOptions;
