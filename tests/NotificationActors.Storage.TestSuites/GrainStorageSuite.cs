using Orleans.Storage;

namespace NotificationActors.Storage.TestSuites;

/// <summary>
/// What every grain storage the product ships must do, whatever the store: Orleans' ETag semantics (a stale
/// write or clear throws an <see cref="InconsistentStateException"/>, or a subclass as the Azure providers do, and
/// changes nothing), round trips of small and large states, and concurrent writers.
/// A store's test class derives from this and supplies the storage, taken from a real silo's services.
/// </summary>
public abstract class GrainStorageSuite
{
    private const string StateName = "suite";

    /// <summary>The storage under test, configured as the product configures it.</summary>
    protected abstract IGrainStorage Storage { get; }

    private static GrainId NewGrain(string type = "suite-grain") => GrainId.Create(type, Guid.NewGuid().ToString("N"));

    private static GrainState<SuiteState> Holding(SuiteState state, string? etag = null) => new(state, etag);

    private async Task<GrainState<SuiteState>> ReadAsync(GrainId grain, string stateName = StateName)
    {
        var state = new GrainState<SuiteState>();
        await Storage.ReadStateAsync(stateName, grain, state);
        return state;
    }

    private async Task<SuiteState> StateOf(GrainId grain, string stateName = StateName) =>
        (await ReadAsync(grain, stateName)).State ?? throw new InvalidOperationException("A read left no state object.");

    [Fact]
    public async Task AWrittenStateReadsBackWithItsETag()
    {
        var grain = NewGrain();
        var written = Holding(new SuiteState { Counter = 7, Text = "seven" });

        await Storage.WriteStateAsync(StateName, grain, written);
        var read = await ReadAsync(grain);

        Assert.Equal(written.State, read.State);
        Assert.True(read.RecordExists);
        Assert.NotNull(read.ETag);
        Assert.Equal(written.ETag, read.ETag);
    }

    [Fact]
    public async Task AMissingRowReadsAsADefaultStateWithNoETag()
    {
        var read = await ReadAsync(NewGrain());

        Assert.False(read.RecordExists);
        Assert.Null(read.ETag);
        Assert.Equal(new SuiteState(), read.State);
    }

    [Fact]
    public async Task OfTwoWritersWithTheSameETagTheSecondIsRejectedAndChangesNothing()
    {
        var grain = NewGrain();
        await Storage.WriteStateAsync(StateName, grain, Holding(new SuiteState { Counter = 1 }));
        var first = await ReadAsync(grain);
        var second = await ReadAsync(grain);

        await Storage.WriteStateAsync(StateName, grain, Holding(new SuiteState { Counter = 2 }, first.ETag));
        await Assert.ThrowsAnyAsync<InconsistentStateException>(() =>
            Storage.WriteStateAsync(StateName, grain, Holding(new SuiteState { Counter = 3 }, second.ETag)));

        Assert.Equal(2, (await StateOf(grain)).Counter);
    }

    [Fact]
    public async Task AFirstWriteWhereARowAlreadyExistsIsRejected()
    {
        var grain = NewGrain();
        await Storage.WriteStateAsync(StateName, grain, Holding(new SuiteState { Counter = 1 }));

        await Assert.ThrowsAnyAsync<InconsistentStateException>(() =>
            Storage.WriteStateAsync(StateName, grain, Holding(new SuiteState { Counter = 9 })));

        Assert.Equal(1, (await StateOf(grain)).Counter);
    }

    [Fact]
    public async Task ACLearedStateReadsAsMissingAndCanBeWrittenAgain()
    {
        var grain = NewGrain();
        var state = Holding(new SuiteState { Counter = 5 });
        await Storage.WriteStateAsync(StateName, grain, state);

        await Storage.ClearStateAsync(StateName, grain, state);
        var afterClear = await ReadAsync(grain);
        state.State = new SuiteState { Counter = 6 };
        await Storage.WriteStateAsync(StateName, grain, state);

        Assert.False(afterClear.RecordExists);
        Assert.Equal(new SuiteState(), afterClear.State);
        Assert.Equal(6, (await StateOf(grain)).Counter);
    }

    [Fact]
    public async Task AWriterHoldingAnETagFromBeforeAClearIsRejected()
    {
        var grain = NewGrain();
        var clearer = Holding(new SuiteState { Counter = 1 });
        await Storage.WriteStateAsync(StateName, grain, clearer);
        var stale = await ReadAsync(grain);

        await Storage.ClearStateAsync(StateName, grain, clearer);

        await Assert.ThrowsAnyAsync<InconsistentStateException>(() =>
            Storage.WriteStateAsync(StateName, grain, Holding(new SuiteState { Counter = 2 }, stale.ETag)));
        Assert.False((await ReadAsync(grain)).RecordExists);
    }

    [Fact]
    public async Task AClearWithAStaleETagIsRejectedAndKeepsTheState()
    {
        var grain = NewGrain();
        var state = Holding(new SuiteState { Counter = 1 });
        await Storage.WriteStateAsync(StateName, grain, state);
        var stale = await ReadAsync(grain);
        state.State = new SuiteState { Counter = 2 };
        await Storage.WriteStateAsync(StateName, grain, state);

        await Assert.ThrowsAnyAsync<InconsistentStateException>(() => Storage.ClearStateAsync(StateName, grain, stale));

        Assert.Equal(2, (await StateOf(grain)).Counter);
    }

    [Fact]
    public async Task ALargeStateRoundTrips()
    {
        var grain = NewGrain();
        var blob = new byte[2 * 1024 * 1024];
        new Random(1).NextBytes(blob);
        var state = Holding(new SuiteState { Counter = 1, Text = new string('x', 100_000), Blob = blob });

        await Storage.WriteStateAsync(StateName, grain, state);
        var read = await StateOf(grain);

        Assert.Equal(blob, read.Blob);
        Assert.Equal(100_000, read.Text.Length);
    }

    [Fact]
    public async Task StatesAreKeptApartByGrainTypeAndStateName()
    {
        var key = Guid.NewGuid().ToString("N");
        var a = GrainId.Create("type-a", key);
        var b = GrainId.Create("type-b", key);

        await Storage.WriteStateAsync(StateName, a, Holding(new SuiteState { Counter = 1 }));
        await Storage.WriteStateAsync("other", a, Holding(new SuiteState { Counter = 3 }));
        await Storage.WriteStateAsync(StateName, b, Holding(new SuiteState { Counter = 2 }));

        Assert.Equal(2, (await StateOf(b)).Counter);
        Assert.Equal(1, (await StateOf(a)).Counter);
        Assert.Equal(3, (await StateOf(a, "other")).Counter);
    }

    [Fact]
    public async Task ConcurrentWritersOnManyGrainsAllLand()
    {
        const int Grains = 200;
        const int WritesPerGrain = 10;
        var grains = Enumerable.Range(0, Grains).Select(_ => NewGrain()).ToArray();

        // Each grain writes sequentially, as an activation does; the grains race each other.
        await Task.WhenAll(grains.Select(async grain =>
        {
            var state = Holding(new SuiteState());
            for (var i = 1; i <= WritesPerGrain; i++)
            {
                state.State = new SuiteState { Counter = i };
                await Storage.WriteStateAsync(StateName, grain, state);
            }
        }));

        foreach (var grain in grains)
        {
            Assert.Equal(WritesPerGrain, (await StateOf(grain)).Counter);
        }
    }
}
