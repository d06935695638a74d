using NotificationActors.Storage;

namespace NotificationActors.Lab.Load.Http;

/// <summary>What <c>load http</c> was asked for.</summary>
/// <param name="Members">Members the callers spread over; each is touched once before the timed phases.</param>
/// <param name="Concurrency">Requests in flight at once.</param>
/// <param name="Seconds">Length of each timed phase.</param>
/// <param name="Storage">The silos' storage deployment.</param>
/// <param name="ConnectionString">A clustered store's connection string; null for the others.</param>
/// <param name="Silos">Silos on a clustered store; a store in the data folder runs one.</param>
internal sealed record HttpLoadSettings(int Members, int Concurrency, int Seconds, StorageDeployment Storage, string? ConnectionString, int Silos);
