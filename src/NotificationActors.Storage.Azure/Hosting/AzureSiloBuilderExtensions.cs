using Microsoft.Extensions.DependencyInjection;
using NotificationActors.Abstractions.Learning;
using NotificationActors.Storage.Azure.Learning;
using Orleans.Configuration;

namespace NotificationActors.Storage.Azure.Hosting;

/// <summary>
/// Puts a silo's clustering, grain storage, reminders and learning log in one Azure Storage account (a real one or
/// Azurite). Orleans' Azure providers do the work (tables for membership and reminders, blobs for grain state); this project checks the account up front and owns the
/// learning log. Membership and reminder rows are partitioned by the cluster's id; grain state blobs are not, so
/// services sharing an account give each its own container.
/// </summary>
public static class AzureSiloBuilderExtensions
{
    /// <summary>The table the learning log lives in unless told otherwise.</summary>
    public const string DefaultLearningLogTable = "learninglog";

    /// <summary>Silos on the same account and cluster id form one cluster (Azure Table membership).</summary>
    /// <exception cref="ArgumentException">The connection string is malformed.</exception>
    public static ISiloBuilder UseAzureClustering(this ISiloBuilder builder, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var tables = AzureConnectionString.ServiceClient(connectionString);
        return builder.UseAzureStorageClustering(o => o.TableServiceClient = tables);
    }

    /// <summary>The blob container grain state lives in unless told otherwise.</summary>
    public const string DefaultGrainStateContainer = "grainstate";

    /// <summary>
    /// Adds a grain storage named <paramref name="name"/>: Orleans' Azure Blob grain storage, one blob per grain
    /// written with the blob's ETag as the condition. Blobs rather than table rows because a member's state has no
    /// size bound a table entity's 1 MiB could hold. The host picks the state's format, as for every store
    /// (<see cref="AzureDeployment"/> sets the member grains').
    /// </summary>
    /// <exception cref="ArgumentException">The connection string or the container name is malformed.</exception>
    public static ISiloBuilder AddAzureGrainStorage(this ISiloBuilder builder, string name, string connectionString, string container = DefaultGrainStateContainer)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var blobs = AzureConnectionString.BlobServiceClient(connectionString, container);
        builder.AddAzureBlobGrainStorage(name, o =>
        {
            o.BlobServiceClient = blobs;
            o.ContainerName = container;
            o.DeleteStateOnClear = true;
        });
        return builder;
    }

    /// <summary>Keeps Orleans' reminder table in the account.</summary>
    /// <exception cref="ArgumentException">The connection string is malformed.</exception>
    public static ISiloBuilder UseAzureReminderService(this ISiloBuilder builder, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var tables = AzureConnectionString.ServiceClient(connectionString);
        return builder.UseAzureTableReminderService(o => o.TableServiceClient = tables);
    }

    /// <summary>Keeps the learning log in table <paramref name="tableName"/> of the storage account.</summary>
    /// <exception cref="ArgumentException">The connection string or the table name is malformed.</exception>
    public static ISiloBuilder AddAzureLearningLog(this ISiloBuilder builder, string connectionString, string tableName = DefaultLearningLogTable)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var table = AzureConnectionString.TableClient(connectionString, tableName);
        builder.Services.AddSingleton<ILearningLog>(new AzureTableLearningLog(table));
        return builder;
    }

    /// <summary>An Orleans client finds the cluster's gateways in the account.</summary>
    /// <exception cref="ArgumentException">The connection string is malformed.</exception>
    public static IClientBuilder UseAzureClustering(this IClientBuilder builder, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var tables = AzureConnectionString.ServiceClient(connectionString);
        return builder.UseAzureStorageClustering(o => o.TableServiceClient = tables);
    }
}
