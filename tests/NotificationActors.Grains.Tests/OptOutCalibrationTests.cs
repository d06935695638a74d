using NotificationActors.Grains.Calibration;
using NotificationActors.Policy.Slow;

namespace NotificationActors.Grains.Tests;

[Collection(MemberClusterDefinition.Name)]
public sealed class OptOutCalibrationTests(MemberClusterFixture cluster)
{
    private IOptOutCalibrationGrain Version() => cluster.Grains.GetGrain<IOptOutCalibrationGrain>("model-" + Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public async Task AWeeksScaleReadsTheWeeksUpToTwoBeforeIt()
    {
        var grain = Version();
        await grain.Add("2026-W40", new OptOutTally(100, 1.0, 5, 100, 2.0, 2));
        await grain.Add("2026-W41", new OptOutTally(100, 1.0, 50, 100, 2.0, 2));

        var w41 = await grain.ScaleFor("2026-W41");
        var w42 = await grain.ScaleFor("2026-W42");
        var w43 = await grain.ScaleFor("2026-W43");

        Assert.Equal(OptOutScale.None, w41);
        Assert.Equal(((5 + 3) / (1.0 + 3), 1.0), (w42.Push, w42.Email));
        Assert.Equal(((55 + 3) / (2.0 + 3), 1.0), (w43.Push, w43.Email));
    }

    [Fact]
    public void AScaleIsShrunkTowardOneAndBounded()
    {
        Assert.Equal(1, OptOutScaledModel.ScaleFrom(0, 0));
        Assert.Equal(OptOutScaledModel.MaxScale, OptOutScaledModel.ScaleFrom(10_000, 0));
        Assert.Equal(OptOutScaledModel.MinScale, OptOutScaledModel.ScaleFrom(0, 10_000));
        Assert.Equal(0.5, OptOutScaledModel.ScaleFrom(0, 3), 12);
    }

    [Fact]
    public async Task ATallyForSomethingOtherThanAWeekIsRefusedAndChangesNothing()
    {
        var grain = Version();

        await Assert.ThrowsAsync<ArgumentException>(() => grain.Add("last week", new OptOutTally(1, 0, 1, 0, 0, 0)));

        Assert.Equal(OptOutScale.None, await grain.ScaleFor("2030-W10"));
    }
}
