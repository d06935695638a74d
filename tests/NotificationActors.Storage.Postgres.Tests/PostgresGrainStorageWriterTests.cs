using Microsoft.Extensions.DependencyInjection;
using NotificationActors.Storage.Postgres.Writing;
using NotificationActors.Storage.TestSuites;
using Orleans.Storage;

namespace NotificationActors.Storage.Postgres.Tests;

/// <summary>The grain storage on the silo's group-commit writer: grains' writes share commits, and a conflict stays its own caller's.</summary>
public sealed class PostgresGrainStorageWriterTests(PostgresSiloFixture silo) : IClassFixture<PostgresSiloFixture>
{
    private const string StateName = "writer";

    private IGrainStorage Storage => silo.Services.GetRequiredKeyedService<IGrainStorage>(PostgresSiloFixture.Store);

    private static GrainId NewGrain() => GrainId.Create("writer-grain", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task AStaleWriteQueuedAmongOthersFailsOnlyItsCallerAndTheirsShareCommits()
    {
        var writer = silo.Services.GetRequiredService<PostgresWriter>();
        var stale = NewGrain();
        var current = new GrainState<SuiteState>(new SuiteState { Counter = 1 });
        await Storage.WriteStateAsync(StateName, stale, current);
        var staleState = new GrainState<SuiteState>(new SuiteState { Counter = 9 }, current.ETag);
        await Storage.WriteStateAsync(StateName, stale, current);
        var grains = Enumerable.Range(0, 100).Select(_ => NewGrain()).ToArray();
        var before = writer.CommittedTransactions;

        var writes = grains.Select(g => Storage.WriteStateAsync(StateName, g, new GrainState<SuiteState>(new SuiteState { Counter = 2 }))).ToList();
        var conflict = Storage.WriteStateAsync(StateName, stale, staleState);
        await Task.WhenAll(writes);

        var error = await Assert.ThrowsAnyAsync<InconsistentStateException>(() => conflict);
        Assert.Contains(stale.ToString(), error.Message, StringComparison.Ordinal);
        Assert.True(writer.CommittedTransactions - before < grains.Length, $"{writer.CommittedTransactions - before} commits for {grains.Length + 1} writes");
        foreach (var grain in grains)
        {
            var read = new GrainState<SuiteState>();
            await Storage.ReadStateAsync(StateName, grain, read);
            Assert.Equal(2, read.State!.Counter);
        }
    }
}
