namespace NotificationActors.Storage.Sqlite;

/// <summary>How hard a write waits for the disk before its caller is released.</summary>
public enum SqliteDurability
{
    /// <summary>
    /// Every commit's log is flushed to disk before its callers are released (the flush runs alongside later commits):
    /// survives power loss. The default.
    /// </summary>
    Full,

    /// <summary>Commits survive a killed process but the last ones may be lost on power loss or an OS crash.</summary>
    Normal,
}
