using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using NotificationActors.Abstractions.Learning;
using NotificationActors.Storage.Azure.Learning;

namespace NotificationActors.Storage.Azure.Hosting;

/// <summary>Puts a silo's learning log in Azure Table storage (an account or Azurite).</summary>
public static class AzureSiloBuilderExtensions
{
    /// <summary>The table the learning log lives in unless told otherwise.</summary>
    public const string DefaultLearningLogTable = "learninglog";

    /// <summary>Keeps the learning log in table <paramref name="tableName"/> of the storage account.</summary>
    /// <exception cref="ArgumentException">The connection string or the table name is malformed.</exception>
    public static ISiloBuilder AddAzureLearningLog(this ISiloBuilder builder, string connectionString, string tableName = DefaultLearningLogTable)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var table = AzureConnectionString.TableClient(connectionString, tableName);
        builder.Services.AddSingleton<ILearningLog>(new AzureTableLearningLog(table));
        return builder;
    }
}
