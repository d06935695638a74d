using Microsoft.Extensions.DependencyInjection;
using NotificationActors.Storage.TestSuites;
using Orleans.Storage;

namespace NotificationActors.Storage.Sqlite.Tests;

public sealed class SqliteGrainStorageTests(SqliteSiloFixture silo) : GrainStorageSuite, IClassFixture<SqliteSiloFixture>
{
    protected override IGrainStorage Storage => silo.Services.GetRequiredKeyedService<IGrainStorage>(TestSilo.Store);
}
