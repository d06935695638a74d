using Microsoft.Extensions.DependencyInjection;
using NotificationActors.Simulation.Experiment;
using NotificationActors.Storage.TestSuites;
using Orleans.Serialization;
using Orleans.Storage;

namespace NotificationActors.Simulation.Tests.Experiment;

/// <summary>The experiment's in-memory store keeps the ETag rules every store the product ships keeps.</summary>
public sealed class ThrowawayGrainStorageTests : GrainStorageSuite
{
    private static readonly ServiceProvider Services = new ServiceCollection().AddSerializer().BuildServiceProvider();

    protected override IGrainStorage Storage { get; } =
        new ThrowawayGrainStorage(new(), new OrleansGrainStorageSerializer(Services.GetRequiredService<Serializer>()));
}
