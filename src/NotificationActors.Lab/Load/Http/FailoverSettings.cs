using NotificationActors.Storage;

namespace NotificationActors.Lab.Load.Http;

/// <summary>What <c>load failover</c> was asked for.</summary>
/// <param name="Members">Members activated before the kill and asked for their plans after it.</param>
/// <param name="Concurrency">Requests in flight at once.</param>
/// <param name="Storage">The clustered store the silos form their cluster on.</param>
/// <param name="ConnectionString">Its connection string.</param>
internal sealed record FailoverSettings(int Members, int Concurrency, StorageDeployment Storage, string ConnectionString);
