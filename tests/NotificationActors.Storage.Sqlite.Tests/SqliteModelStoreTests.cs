using NotificationActors.Abstractions.Learning;
using NotificationActors.Storage.Sqlite.Models;
using NotificationActors.Storage.TestSuites;

namespace NotificationActors.Storage.Sqlite.Tests;

/// <summary>The model store in a fresh store file, opened as the offline verbs open it.</summary>
public sealed class SqliteModelStoreTests : ModelStoreSuite, IAsyncLifetime
{
    private readonly TempDatabase _database = new();
    private IModelStoreConnection? _store;

    protected override IModelStore Store => _store!;

    public Task InitializeAsync()
    {
        _store = SqliteModelStoreFile.Open(_database.Path);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _store!.DisposeAsync();
        _database.Dispose();
    }
}
