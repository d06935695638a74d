namespace NotificationActors.Storage.Postgres;

/// <summary>Where the PostgreSQL store lives.</summary>
public sealed class PostgresStoreOptions
{
    /// <summary>An Npgsql connection string, e.g. <c>Host=127.0.0.1;Port=5432;Database=na;Username=na;Password=...</c>. Required.</summary>
    public string ConnectionString { get; set; } = "";
}
