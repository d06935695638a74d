using NotificationActors.Abstractions.Learning;
using NotificationActors.Storage.Azure.Models;
using NotificationActors.Storage.TestSuites;

namespace NotificationActors.Storage.Azure.Tests;

/// <summary>The model store in a fresh blob container of Azurite (or <c>NA_AZURE</c>'s account).</summary>
public sealed class AzureModelStoreTests : ModelStoreSuite, IAsyncLifetime
{
    private static readonly string Container = $"models-{Guid.NewGuid():N}";
    private IModelStoreConnection? _store;

    protected override IModelStore Store => _store!;

    public async Task InitializeAsync() => _store = AzureModelStore.Open(await AzuriteServer.ConnectionStringAsync(), Container);

    public async Task DisposeAsync() => await _store!.DisposeAsync();
}
