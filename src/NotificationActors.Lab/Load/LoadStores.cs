using NotificationActors.Silo.CommandLine;
using NotificationActors.Silo.Hosting;
using NotificationActors.Storage;

namespace NotificationActors.Lab.Load;

/// <summary>The silo's storage options as the load runs take them: no data folder (the embedded store is a throwaway one).</summary>
internal static class LoadStores
{
    /// <param name="deployments">The stores the run offers, the default first.</param>
    /// <param name="purpose">What the store holds for the run, for <c>--storage</c>'s help.</param>
    public static StorageOptions Options(IReadOnlyList<StorageDeployment> deployments, string purpose) =>
        new(deployments, purpose, dataFolder: false, Note);

    // A run writes members, reminders and cluster membership into the store it is given and leaves them there.
    private static string? Note(StorageDeployment deployment) =>
        deployment == StorageDeployments.Postgres ? "Give an empty database dedicated to the run: what an earlier run left in it (members, reminders, silos in the membership table) changes what is measured."
        : deployment == StorageDeployments.Azure ? "Each run joins the account under a fresh cluster id."
        : null;
}
