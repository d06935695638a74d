namespace NotificationActors.Storage.Sqlite;

/// <summary>Settings shared by the grain storage and the reminder table: the file and how it commits.</summary>
public abstract class SqliteStoreOptions
{
    /// <summary>Default <see cref="MaxBatchSize"/>.</summary>
    public const int DefaultMaxBatchSize = 1024;

    /// <summary>Path of the SQLite file; its directory is created if missing. Required.</summary>
    public string DataSource { get; set; } = "";

    /// <summary>Durability of each commit.</summary>
    public SqliteDurability Durability { get; set; } = SqliteDurability.Full;

    /// <summary>Most writes committed in one transaction by the group-commit writer.</summary>
    public int MaxBatchSize { get; set; } = DefaultMaxBatchSize;
}
