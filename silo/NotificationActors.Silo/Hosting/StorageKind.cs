namespace NotificationActors.Silo.Hosting;

/// <summary>Where the silo keeps grain state and reminders (design/architecture.md: three deployments).</summary>
internal enum StorageKind
{
    /// <summary>Orleans' in-memory storage: lost on restart; for trying things out.</summary>
    Memory,

    /// <summary>The embedded SQLite file under the data folder: the default.</summary>
    Sqlite,

    /// <summary>An Azure Storage account or Azurite: Orleans' Azure Table clustering and reminders, Azure Blob grain state, and the learning log in a table; silos on one account form a cluster.</summary>
    Azure,

    /// <summary>PostgreSQL: Orleans' ADO.NET clustering, grain state and reminders, and the learning log; silos on one database form a cluster.</summary>
    Postgres,
}
