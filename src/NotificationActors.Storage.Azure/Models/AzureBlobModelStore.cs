using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using NotificationActors.Abstractions.Learning;

namespace NotificationActors.Storage.Azure.Models;

/// <summary>
/// Model versions as blobs <c>{version}/{file}</c> in one container. A blob service has no transaction, so a save
/// first claims the version with a blob created only if absent (a second save, even a concurrent one, is refused
/// there), then uploads the files, and a completion marker last: a version is held once its marker is, so a reader
/// never sees half a version. A save interrupted after its claim leaves the name used and the version invisible.
/// </summary>
internal sealed class AzureBlobModelStore(BlobContainerClient container) : IModelStoreConnection
{
    private const string ClaimFile = ".claim";
    private const string CompleteFile = ".complete";

    private volatile bool _containerExists;

    public async Task SaveAsync(string version, IReadOnlyDictionary<string, byte[]> files, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(version);
        ArgumentNullException.ThrowIfNull(files);
        await EnsureContainerAsync(cancellationToken).ConfigureAwait(false);
        var onlyIfAbsent = new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } };
        try
        {
            await container.GetBlobClient($"{version}/{ClaimFile}").UploadAsync(BinaryData.Empty, onlyIfAbsent, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            throw new ModelVersionExistsException(version);
        }

        foreach (var (name, content) in files)
        {
            await container.GetBlobClient($"{version}/{name}").UploadAsync(new BinaryData(content), overwrite: true, cancellationToken).ConfigureAwait(false);
        }

        await container.GetBlobClient($"{version}/{CompleteFile}").UploadAsync(BinaryData.Empty, onlyIfAbsent, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyDictionary<string, byte[]>?> LoadAsync(string version, CancellationToken cancellationToken = default)
    {
        await EnsureContainerAsync(cancellationToken).ConfigureAwait(false);
        if (!await container.GetBlobClient($"{version}/{CompleteFile}").ExistsAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        await foreach (var blob in container.GetBlobsAsync(new GetBlobsOptions { Prefix = $"{version}/" }, cancellationToken).ConfigureAwait(false))
        {
            var name = blob.Name[(version.Length + 1)..];
            if (name is ClaimFile or CompleteFile) continue;
            var content = await container.GetBlobClient(blob.Name).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            files[name] = content.Value.Content.ToArray();
        }

        return files;
    }

    public async Task<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken = default)
    {
        await EnsureContainerAsync(cancellationToken).ConfigureAwait(false);
        var versions = new List<string>();
        await foreach (var blob in container.GetBlobsAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (blob.Name.EndsWith($"/{CompleteFile}", StringComparison.Ordinal))
            {
                versions.Add(blob.Name[..^(CompleteFile.Length + 1)]);
            }
        }

        versions.Sort(StringComparer.Ordinal);
        return versions;
    }

    /// <summary>Nothing to close: a blob client holds no connection between requests.</summary>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task EnsureContainerAsync(CancellationToken cancellationToken)
    {
        // Creating an existing container is harmless, so racing first calls need no lock.
        if (_containerExists) return;
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        _containerExists = true;
    }
}
