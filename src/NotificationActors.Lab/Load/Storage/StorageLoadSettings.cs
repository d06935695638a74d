using NotificationActors.Storage.Sqlite;

namespace NotificationActors.Lab.Load.Storage;

/// <summary>What <c>load storage</c> was asked for.</summary>
/// <param name="Writes">Grain state writes in all; each raw run inserts as many rows.</param>
/// <param name="Grains">Grains the writes go to in turn; at most <paramref name="Writes"/>.</param>
/// <param name="Concurrency">Writes in flight at once.</param>
/// <param name="PayloadBytes">Bytes of each state's payload.</param>
/// <param name="Durability">How hard a commit waits for the disk, for the provider and the raw inserts alike.</param>
internal sealed record StorageLoadSettings(int Writes, int Grains, int Concurrency, int PayloadBytes, SqliteDurability Durability);
