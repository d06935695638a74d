namespace NotificationActors.Storage.Sqlite;

/// <summary>How hard a commit waits for the disk (SQLite's <c>synchronous</c> setting in WAL mode).</summary>
public enum SqliteDurability
{
    /// <summary>Every commit is flushed to disk before callers are released: survives power loss. The default.</summary>
    Full,

    /// <summary>Commits survive a killed process but the last ones may be lost on power loss or an OS crash.</summary>
    Normal,
}
