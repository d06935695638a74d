using NotificationActors.Abstractions.Learning;
using NotificationActors.Storage.Azure.Hosting;

namespace NotificationActors.Storage.Azure.Models;

/// <summary>Opens the model versions of an Azure Storage account (for <c>train</c>, <c>evaluate</c> and <c>run</c>).</summary>
public static class AzureModelStore
{
    /// <summary>The container model versions live in unless told otherwise.</summary>
    public const string DefaultContainer = "models";

    /// <summary>The model store in container <paramref name="container"/> of the account.</summary>
    /// <exception cref="ArgumentException">The connection string or the container name is malformed.</exception>
    public static IModelStoreConnection Open(string connectionString, string container = DefaultContainer) =>
        new AzureBlobModelStore(AzureConnectionString.BlobServiceClient(connectionString, container).GetBlobContainerClient(container));
}
