using NotificationActors.Abstractions.Learning;
using NotificationActors.Storage.Azure.Hosting;

namespace NotificationActors.Storage.Azure.Learning;

/// <summary>Opens the learning log of an Azure Storage account outside a silo (for offline jobs such as training).</summary>
public static class AzureLearningLogTable
{
    /// <summary>The learning log in table <paramref name="tableName"/> of the account.</summary>
    /// <exception cref="ArgumentException">The connection string or the table name is malformed.</exception>
    public static ILearningLogConnection Open(string connectionString, string tableName = AzureSiloBuilderExtensions.DefaultLearningLogTable) =>
        new AzureTableLearningLog(AzureConnectionString.TableClient(connectionString, tableName));
}
