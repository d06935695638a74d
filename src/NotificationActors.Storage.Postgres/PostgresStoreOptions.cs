namespace NotificationActors.Storage.Postgres;

/// <summary>Where the PostgreSQL store lives, and how its group-commit writer sends writes.</summary>
public sealed class PostgresStoreOptions
{
    /// <summary>Default <see cref="Writers"/>.</summary>
    public const int DefaultWriters = 1;

    /// <summary>Default <see cref="MaxBatchSize"/>.</summary>
    public const int DefaultMaxBatchSize = 256;

    /// <summary>An Npgsql connection string, e.g. <c>Host=127.0.0.1;Port=5432;Database=na;Username=na;Password=...</c>. Required.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>
    /// Connections the silo's group-commit writer sends batches on, each one batch (one transaction) at a time.
    /// With one, every write queued during a commit goes in the next batch; a second measured no faster
    /// (docs/performance.md).
    /// </summary>
    public int Writers { get; set; } = DefaultWriters;

    /// <summary>Most writes (grain states, reminders) sent and committed in one transaction.</summary>
    public int MaxBatchSize { get; set; } = DefaultMaxBatchSize;
}
