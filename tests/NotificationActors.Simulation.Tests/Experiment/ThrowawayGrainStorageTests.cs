using Microsoft.Extensions.DependencyInjection;
using NotificationActors.Grains.Hosting;
using NotificationActors.Simulation.Experiment;
using NotificationActors.Storage.TestSuites;
using Orleans.Serialization;
using Orleans.Storage;

namespace NotificationActors.Simulation.Tests.Experiment;

/// <summary>The experiment's in-memory store keeps the ETag rules every store the product ships keeps.</summary>
public sealed class ThrowawayGrainStorageTests : GrainStorageSuite
{
    internal static readonly ServiceProvider Services = new ServiceCollection().AddSerializer().BuildServiceProvider();

    protected override IGrainStorage Storage { get; } =
        new ThrowawayGrainStorage(new(), new OrleansGrainStorageSerializer(Services.GetRequiredService<Serializer>()));
}

/// <summary>The same rules when the serializer writes straight into the store's buffers, as the member grains' does.</summary>
public sealed class ThrowawayGrainStorageWithABufferedSerializerTests : GrainStorageSuite
{
    protected override IGrainStorage Storage { get; } =
        new ThrowawayGrainStorage(new(), new BinaryStateSerializer(ThrowawayGrainStorageTests.Services.GetRequiredService<Serializer>()));
}
