using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace NotificationActors.Silo.Health;

/// <summary>
/// The Azure Storage account (or Azurite) answers on both services the silo uses: a page of the table service's tables
/// (membership, reminders, the learning log) and the blob service's properties (grain state). Written here because no
/// Azure Storage health check package is in the registry this project builds from; it uses the Azure SDK clients the
/// store itself is built on.
/// </summary>
internal sealed class AzureStorageHealthCheck : IHealthCheck
{
    private readonly TableServiceClient _tables;
    private readonly BlobServiceClient _blobs;

    /// <param name="connectionString">The account's connection string (a secret: never logged).</param>
    public AzureStorageHealthCheck(string connectionString)
    {
        // One try each: the probe's own period is the retry, and the SDK's default back-off would outlast its timeout.
        var tables = new TableClientOptions();
        tables.Retry.MaxRetries = 0;
        var blobs = new BlobClientOptions();
        blobs.Retry.MaxRetries = 0;
        _tables = new TableServiceClient(connectionString, tables);
        _blobs = new BlobServiceClient(connectionString, blobs);
    }

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await foreach (var _ in _tables.QueryAsync(maxPerPage: 1, cancellationToken: cancellationToken).AsPages(pageSizeHint: 1))
        {
            break;
        }

        await _blobs.GetPropertiesAsync(cancellationToken);
        return HealthCheckResult.Healthy("The table and blob services answer.");
    }
}
