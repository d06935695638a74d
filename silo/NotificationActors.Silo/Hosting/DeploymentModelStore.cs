using NotificationActors.Abstractions.Learning;
using NotificationActors.Storage;

namespace NotificationActors.Silo.Hosting;

/// <summary>
/// The deployment's model store as a silo service, for the learning loop: opened at its first use (a silo whose
/// members never plan with the loop never connects) and closed with the silo. A failed open is retried at the next use.
/// </summary>
internal sealed class DeploymentModelStore(StorageDeployment deployment, StorageLocation location) : IModelStore, IAsyncDisposable
{
    private readonly Lock _gate = new();
    private Task<IModelStoreConnection>? _opening;

    public async Task SaveAsync(string version, IReadOnlyDictionary<string, byte[]> files, CancellationToken cancellationToken = default) =>
        await (await OpenAsync().ConfigureAwait(false)).SaveAsync(version, files, cancellationToken).ConfigureAwait(false);

    public async Task<IReadOnlyDictionary<string, byte[]>?> LoadAsync(string version, CancellationToken cancellationToken = default) =>
        await (await OpenAsync().ConfigureAwait(false)).LoadAsync(version, cancellationToken).ConfigureAwait(false);

    public async Task<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken = default) =>
        await (await OpenAsync().ConfigureAwait(false)).ListAsync(cancellationToken).ConfigureAwait(false);

    public async ValueTask DisposeAsync()
    {
        Task<IModelStoreConnection>? opened;
        lock (_gate) opened = _opening;
        if (opened is { IsCompletedSuccessfully: true }) await opened.Result.DisposeAsync().ConfigureAwait(false);
    }

    private Task<IModelStoreConnection> OpenAsync()
    {
        lock (_gate)
        {
            if (_opening is null || _opening.IsFaulted || _opening.IsCanceled) _opening = deployment.OpenModelStoreAsync(location, CancellationToken.None);
            return _opening;
        }
    }
}
