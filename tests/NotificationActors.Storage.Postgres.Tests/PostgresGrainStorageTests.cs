using Microsoft.Extensions.DependencyInjection;
using NotificationActors.Storage.TestSuites;
using Orleans.Storage;

namespace NotificationActors.Storage.Postgres.Tests;

public sealed class PostgresGrainStorageTests(PostgresSiloFixture silo) : GrainStorageSuite, IClassFixture<PostgresSiloFixture>
{
    protected override IGrainStorage Storage => silo.Services.GetRequiredKeyedService<IGrainStorage>(PostgresSiloFixture.Store);
}
