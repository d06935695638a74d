using Azure.Data.Tables;
using NotificationActors.Client.Orleans;

namespace NotificationActors.Client.Azure;

/// <summary>The client finds the gateways where silos started with <c>--storage azure</c> register them.</summary>
public static class AzureClientOptionsExtensions
{
    /// <summary>
    /// Reads the live gateways from the Azure Table membership in the storage account the silos use (the same
    /// connection string as their <c>--azure</c>, or <c>UseDevelopmentStorage=true</c> for Azurite).
    /// </summary>
    /// <exception cref="ArgumentException">The connection string is empty or malformed.</exception>
    public static NotificationActorsClientOptions UseAzureClustering(this NotificationActorsClientOptions options, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(options);
        var tables = Tables(connectionString);
        return options.UseClustering(
            $"through the gateways listed in the Azure Table membership of storage account '{tables.AccountName}'",
            client => client.UseAzureStorageClustering(o => o.TableServiceClient = tables));
    }

    private static TableServiceClient Tables(string connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new ArgumentException(
                "The Azure Storage connection string is empty; give the silos' one, such as 'DefaultEndpointsProtocol=https;AccountName=...;AccountKey=...' or 'UseDevelopmentStorage=true'.",
                nameof(connectionString));
        }

        try
        {
            return new TableServiceClient(connectionString);
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or ArgumentException)
        {
            throw new ArgumentException($"The Azure Storage connection string is malformed: {e.Message}", nameof(connectionString), e);
        }
    }
}
