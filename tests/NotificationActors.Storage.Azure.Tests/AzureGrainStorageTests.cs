using Microsoft.Extensions.DependencyInjection;
using NotificationActors.Storage.TestSuites;
using Orleans.Storage;

namespace NotificationActors.Storage.Azure.Tests;

public sealed class AzureGrainStorageTests(AzureSiloFixture silo) : GrainStorageSuite, IClassFixture<AzureSiloFixture>
{
    protected override IGrainStorage Storage => silo.Services.GetRequiredKeyedService<IGrainStorage>(AzureSiloFixture.Store);
}
