using NotificationActors.Abstractions.Learning;
using NotificationActors.Storage.Postgres.Models;
using NotificationActors.Storage.TestSuites;

namespace NotificationActors.Storage.Postgres.Tests;

/// <summary>The model store in a fresh database, opened as the offline verbs open it (schema applied first).</summary>
public sealed class PostgresModelStoreTests : ModelStoreSuite, IAsyncLifetime
{
    private static readonly Lazy<Task<string>> Database = new(() => PostgresServer.CreateDatabaseAsync("models"));
    private IModelStoreConnection? _store;

    protected override IModelStore Store => _store!;

    public async Task InitializeAsync() => _store = await PostgresModelStoreDatabase.OpenAsync(await Database.Value);

    public async Task DisposeAsync() => await _store!.DisposeAsync();
}
