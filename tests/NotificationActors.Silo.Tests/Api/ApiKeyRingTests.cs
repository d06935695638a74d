using Microsoft.Extensions.DependencyInjection;
using NotificationActors.Silo.Hosting;
using NotificationActors.Silo.Security;

namespace NotificationActors.Silo.Tests.Api;

public sealed class ApiKeyRingTests
{
    private static readonly string[] Keys = ["first-key", "second-much-longer-key", "k3"];

    private static ApiKeyRing Ring(params string[] keys)
    {
        var services = new ServiceCollection();
        services.AddOptions<ApiOptions>().Configure(o => o.ApiKeys.AddRange(keys));
        services.AddSingleton<ApiKeyRing>();
        return services.BuildServiceProvider().GetRequiredService<ApiKeyRing>();
    }

    [Fact]
    public void EveryConfiguredKeyMatchesWithItsOwnFingerprint()
    {
        using var ring = Ring(Keys);

        var fingerprints = Keys.Select(ring.Match).ToList();

        Assert.All(fingerprints, f => Assert.True(f is not null && ring.IsConfigured(f)));
        Assert.Equal(Keys.Length, fingerprints.Distinct().Count());
    }

    [Theory]
    [InlineData("")]
    [InlineData("first-ke")]
    [InlineData("first-key ")]
    [InlineData("First-key")]
    [InlineData("k")]
    [InlineData("k3k3")]
    public void AKeyThatDiffersInAnyWayDoesNotMatch(string presented)
    {
        using var ring = Ring(Keys);

        Assert.Null(ring.Match(presented));
    }

    [Fact]
    public void WithoutKeysTheRingIsOffAndMatchesNothing()
    {
        using var ring = Ring();

        Assert.False(ring.Enabled);
        Assert.Null(ring.Match("anything"));
    }

    [Fact]
    public void AFingerprintFromAnotherKeySetIsNotConfigured()
    {
        using var before = Ring("kept", "removed");
        using var after = Ring("kept");

        Assert.True(after.IsConfigured(before.Match("kept")!));
        Assert.False(after.IsConfigured(before.Match("removed")!));
    }
}
