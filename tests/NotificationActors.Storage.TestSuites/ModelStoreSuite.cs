using NotificationActors.Abstractions.Learning;

namespace NotificationActors.Storage.TestSuites;

/// <summary>
/// What every model store must do: a version's files round-trip byte for byte, a version is saved once (a second
/// save, even a concurrent one, is refused and changes nothing), and a missing version reads as null.
/// A store's test class derives from this and supplies a store opened as the product opens it.
/// </summary>
public abstract class ModelStoreSuite
{
    /// <summary>The store under test.</summary>
    protected abstract IModelStore Store { get; }

    private static string NewVersion() => $"v-{Guid.NewGuid():N}"[..20];

    private static Dictionary<string, byte[]> Files(byte seed, int modelBytes = 4096)
    {
        var model = new byte[modelBytes];
        new Random(seed).NextBytes(model);
        return new Dictionary<string, byte[]>
        {
            ["card.json"] = System.Text.Encoding.UTF8.GetBytes($"{{\"seed\":{seed}}}"),
            ["engagement.zip"] = model,
            ["empty.bin"] = [],
        };
    }

    [Fact]
    public async Task ASavedVersionLoadsBackByteForByteAndIsListed()
    {
        var version = NewVersion();
        var files = Files(1);

        await Store.SaveAsync(version, files);
        var loaded = await Store.LoadAsync(version);

        Assert.NotNull(loaded);
        Assert.Equal(files.Keys.Order(), loaded.Keys.Order());
        Assert.All(files, f => Assert.Equal(f.Value, loaded[f.Key]));
        Assert.Contains(version, await Store.ListAsync());
    }

    [Fact]
    public async Task AMissingVersionLoadsAsNullAndIsNotListed()
    {
        var version = NewVersion();

        Assert.Null(await Store.LoadAsync(version));
        Assert.DoesNotContain(version, await Store.ListAsync());
    }

    [Fact]
    public async Task SavingAVersionAgainIsRefusedAndKeepsTheFirst()
    {
        var version = NewVersion();
        await Store.SaveAsync(version, Files(1));

        var refused = await Assert.ThrowsAsync<ModelVersionExistsException>(() => Store.SaveAsync(version, Files(2)));

        Assert.Equal(version, refused.Version);
        Assert.Equal(Files(1)["engagement.zip"], (await Store.LoadAsync(version))!["engagement.zip"]);
    }

    [Fact]
    public async Task OfConcurrentSavesOfOneVersionExactlyOneWinsWhole()
    {
        var version = NewVersion();

        var saves = Enumerable.Range(1, 4).Select(async seed =>
        {
            try
            {
                await Store.SaveAsync(version, Files((byte)seed));
                return (byte)seed;
            }
            catch (ModelVersionExistsException)
            {
                return (byte)0;
            }
        }).ToArray();
        var winners = (await Task.WhenAll(saves)).Where(s => s != 0).ToArray();

        var winner = Assert.Single(winners);
        var loaded = (await Store.LoadAsync(version))!;
        Assert.All(Files(winner), f => Assert.Equal(f.Value, loaded[f.Key]));
    }

    [Fact]
    public async Task AVersionOfSeveralMegabytesRoundTrips()
    {
        var version = NewVersion();
        var files = Files(3, modelBytes: 6 * 1024 * 1024);

        await Store.SaveAsync(version, files);

        Assert.Equal(files["engagement.zip"], (await Store.LoadAsync(version))!["engagement.zip"]);
    }

    [Fact]
    public async Task VersionsAreListedInNameOrder()
    {
        var prefix = NewVersion();
        foreach (var suffix in new[] { "b", "a", "c" })
        {
            await Store.SaveAsync($"{prefix}-{suffix}", Files(1, modelBytes: 16));
        }

        var listed = (await Store.ListAsync()).Where(v => v.StartsWith(prefix, StringComparison.Ordinal)).ToArray();

        Assert.Equal([$"{prefix}-a", $"{prefix}-b", $"{prefix}-c"], listed);
    }
}
