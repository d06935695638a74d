using Orleans.Configuration;
using NotificationActors.Abstractions.Learning;
using NotificationActors.Storage.Azure.Health;
using NotificationActors.Storage.Azure.Learning;
using NotificationActors.Storage.Azure.Models;

namespace NotificationActors.Storage.Azure.Hosting;

/// <summary>The design's cloud deployment: Azure Table membership and reminders, Azure Blob grain state, the learning log in a table and model versions in blobs, all in one storage account (or Azurite).</summary>
/// <param name="grainStateContainer">The blob container of grain state: services (or test runs) sharing an account give each its own.</param>
/// <param name="learningLogTable">The table of the learning log.</param>
public sealed class AzureDeployment(
    string grainStateContainer = AzureSiloBuilderExtensions.DefaultGrainStateContainer,
    string learningLogTable = AzureSiloBuilderExtensions.DefaultLearningLogTable) : StorageDeployment
{
    public override string Name => "azure";

    public override string Description => "an Azure Storage account or Azurite (--azure); silos on it form a cluster";

    public override StoreConnection Connection { get; } = new(
        "--azure",
        "Azure Storage connection string, of an account or Azurite (--storage azure): table clustering and reminders, blob grain state, learning log table, model versions.",
        AzureConnectionString.Validate);

    public override void AddTo(ISiloBuilder silo, StorageLocation location, GrainStateStorage state)
    {
        var account = ConnectionStringOf(location);
        silo.UseAzureClustering(account);
        silo.AddAzureGrainStorage(state.Name, account, grainStateContainer);
        state.WriteThrough<AzureBlobStorageOptions>(silo);
        silo.UseAzureReminderService(account);
        silo.AddAzureLearningLog(account, learningLogTable);
    }

    public override Microsoft.Extensions.Diagnostics.HealthChecks.IHealthCheck HealthCheck(StorageLocation location) =>
        new AzureStorageHealthCheck(ConnectionStringOf(location), grainStateContainer);

    public override Task<ILearningLogConnection> OpenLearningLogAsync(StorageLocation location, CancellationToken cancellationToken) =>
        Task.FromResult(AzureLearningLogTable.Open(ConnectionStringOf(location), learningLogTable));

    public override Task<IModelStoreConnection> OpenModelStoreAsync(StorageLocation location, CancellationToken cancellationToken) =>
        Task.FromResult(AzureModelStore.Open(ConnectionStringOf(location)));
}
