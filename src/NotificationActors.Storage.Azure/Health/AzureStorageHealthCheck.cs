using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Clustering.AzureStorage;

namespace NotificationActors.Storage.Azure.Health;

/// <summary>
/// The Azure Storage account (or Azurite) serves what the silo itself uses: a row of Orleans' membership table and the
/// grain-state container's properties. Those, not the account's table list or service properties, so a connection
/// string scoped to the silo's tables and containers (a SAS without account rights) probes as healthy. Written here
/// because no Azure Storage health check package is in the registry this project builds from; it uses the Azure SDK
/// clients the store itself is built on.
/// </summary>
internal sealed class AzureStorageHealthCheck : IHealthCheck
{
    private readonly TableClient _membership;
    private readonly BlobContainerClient _grainState;

    /// <param name="connectionString">The account's connection string (a secret: never logged).</param>
    /// <param name="grainStateContainer">The deployment's grain-state container.</param>
    public AzureStorageHealthCheck(string connectionString, string grainStateContainer)
    {
        // One try each: the probe's own period is the retry, and the SDK's default back-off would outlast its timeout.
        var tables = new TableClientOptions();
        tables.Retry.MaxRetries = 0;
        var blobs = new BlobClientOptions();
        blobs.Retry.MaxRetries = 0;
        _membership = new TableClient(connectionString, AzureStorageClusteringOptions.DEFAULT_TABLE_NAME, tables);
        _grainState = new BlobContainerClient(connectionString, grainStateContainer, blobs);
    }

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await foreach (var _ in _membership.QueryAsync<TableEntity>(maxPerPage: 1, select: ["PartitionKey"], cancellationToken: cancellationToken).AsPages(pageSizeHint: 1))
        {
            break;
        }

        await _grainState.GetPropertiesAsync(cancellationToken: cancellationToken);
        return HealthCheckResult.Healthy("The membership table and the grain-state container answer.");
    }
}
