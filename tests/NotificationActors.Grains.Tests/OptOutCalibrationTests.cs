using Microsoft.Extensions.Logging.Abstractions;
using NotificationActors.Grains.Calibration;
using NotificationActors.Policy.Slow;

namespace NotificationActors.Grains.Tests;

[Collection(MemberClusterDefinition.Name)]
public sealed class OptOutCalibrationTests(MemberClusterFixture cluster)
{
    private static readonly DateOnly Monday = new(2026, 10, 5);

    private static string NewCalibration() => CalibrationGrains.Key("arm-" + Guid.NewGuid().ToString("N")[..8], "model");

    private IOptOutCalibrationGrain Calibration() => CalibrationGrains.For(cluster.Grains, NewCalibration());

    [Fact]
    public async Task ADaysScaleReadsTheDaysUpToTwoBeforeIt()
    {
        var grain = Calibration();
        await grain.Add(new Dictionary<DateOnly, OptOutTally> { [Monday] = new(100, 1.0, 5, 100, 2.0, 2) });
        await grain.Add(new Dictionary<DateOnly, OptOutTally> { [Monday.AddDays(1)] = new(100, 1.0, 50, 100, 2.0, 2) });

        var tuesday = await grain.ScaleFor(Monday.AddDays(1));
        var wednesday = await grain.ScaleFor(Monday.AddDays(2));
        var thursday = await grain.ScaleFor(Monday.AddDays(3));

        var pseudo = OptOutScaledModel.PseudoOptOuts;
        Assert.Equal(OptOutScale.None, tuesday);
        Assert.Equal((Math.Round((5 + pseudo) / (1.0 + pseudo), 3), 1.0), (wednesday.Push, wednesday.Email));
        Assert.Equal((Math.Round((55 + pseudo) / (2.0 + pseudo), 3), 1.0), (thursday.Push, thursday.Email));
    }

    [Fact]
    public async Task TalliesOfTheSameDayFromSeveralSilosAddUp()
    {
        var grain = Calibration();
        await grain.Add(new Dictionary<DateOnly, OptOutTally> { [Monday] = new(10, 0.5, 2, 0, 0, 0) });
        await grain.Add(new Dictionary<DateOnly, OptOutTally> { [Monday] = new(10, 0.5, 3, 0, 0, 0) });

        var scale = await grain.ScaleFor(Monday.AddDays(2));

        Assert.Equal(Math.Round((5 + OptOutScaledModel.PseudoOptOuts) / (1.0 + OptOutScaledModel.PseudoOptOuts), 3), scale.Push);
    }

    [Fact]
    public async Task ASiloHandsInTheDaysBeforeTodayOnceTodaysFirstCallAsks()
    {
        var calibration = NewCalibration();
        var grain = CalibrationGrains.For(cluster.Grains, calibration);
        var tallies = new OptOutTallies(cluster.Grains, NullLogger<OptOutTallies>.Instance);
        tallies.Record(calibration, Monday, new OptOutTally(10, 1.0, 4, 0, 0, 0));
        tallies.Record(calibration, Monday, new OptOutTally(10, 1.0, 4, 0, 0, 0));
        tallies.Record(calibration, Monday.AddDays(1), new OptOutTally(10, 1.0, 40, 0, 0, 0));

        await tallies.HandInBeforeAsync(Monday.AddDays(1));
        await tallies.HandInBeforeAsync(Monday.AddDays(1));
        var mondayOnly = await grain.ScaleFor(Monday.AddDays(3));
        await tallies.HandInBeforeAsync(Monday.AddDays(2));
        var both = await grain.ScaleFor(Monday.AddDays(3));

        var pseudo = OptOutScaledModel.PseudoOptOuts;
        Assert.Equal(Math.Round((8 + pseudo) / (2.0 + pseudo), 3), mondayOnly.Push);
        Assert.Equal(Math.Round((48 + pseudo) / (3.0 + pseudo), 3), both.Push);
    }

    [Fact]
    public async Task OpenRatesAreReadOnceAChannelHasEnoughMessages()
    {
        var grain = Calibration();
        var enough = PopulationRates.MinSends;
        await grain.Add(new Dictionary<DateOnly, OptOutTally> { [Monday] = new(enough, 0, 0, enough - 1, 0, 0, PushOpens: 70, EmailOpens: 30) });

        var rates = await grain.RatesFor(Monday.AddDays(2));
        var tooSoon = await grain.RatesFor(Monday.AddDays(1));

        Assert.Equal(Math.Round(70.0 / enough, 4), rates.Push);
        Assert.Null(rates.Email);
        Assert.Equal(PopulationRates.None, tooSoon);
    }

    [Fact]
    public async Task TheDismissRateIsReadOverEveryMessageSentInAppIncluded()
    {
        var grain = Calibration();
        await grain.Add(new Dictionary<DateOnly, OptOutTally> { [Monday] = new(100, 0, 0, 50, 0, 0, InAppSends: 40, Dismisses: 19) });
        await grain.Add(new Dictionary<DateOnly, OptOutTally> { [Monday.AddDays(1)] = new(10, 0, 0, 0, 0, 0, Dismisses: 1) });

        var tooFew = await grain.RatesFor(Monday.AddDays(2));
        var enough = await grain.RatesFor(Monday.AddDays(3));

        // 190 messages are short of the 200 a rate needs; 200 give one, with the push and email rates still unread.
        Assert.Null(tooFew.Dismiss);
        Assert.Equal(0.1, enough.Dismiss);
        Assert.Null(enough.Push);
    }

    [Fact]
    public async Task ATallyWithANegativeInAppOrDismissCountIsRefusedWhole()
    {
        var grain = Calibration();
        var days = new Dictionary<DateOnly, OptOutTally>
        {
            [Monday] = new(300, 0, 0, 0, 0, 0, Dismisses: 30),
            [Monday.AddDays(1)] = new(0, 0, 0, 0, 0, 0, InAppSends: -1),
        };

        var refused = await Assert.ThrowsAsync<ArgumentException>(() => grain.Add(days));

        Assert.Contains("2026-10-06", refused.Message);
        Assert.Equal(PopulationRates.None, await grain.RatesFor(Monday.AddDays(4)));
    }

    [Fact]
    public void ObservedRatesReplaceOnlyTheBuiltInPriors()
    {
        var observed = PopulationPriors.Default.WithObservedRates(0.2, null, 0.17);
        var trained = new PopulationPriors { Cohorts = [PopulationPriors.Default.Cohorts[0] with { Cohort = "casual" }] };

        Assert.Equal(0.2, observed.For(null).PushOpenRate);
        Assert.Equal(PopulationPriors.Default.For(null).EmailOpenRate, observed.For(null).EmailOpenRate);
        Assert.Equal(0.17, observed.For(null).DismissRate);
        Assert.Same(trained, trained.WithObservedRates(0.2, 0.01, 0.3));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(3, 0.818)]
    [InlineData(10, 5.425)]
    [InlineData(100, 84.14)]
    public void APoissonLowerBoundIsWithinOnePercentOfTheExactChiSquareBound(int count, double exact)
    {
        // The exact bounds are half the chi-square quantile at 0.05 with 2 x count degrees of freedom.
        Assert.InRange(OptOutScale.PoissonLowerBound(count), exact * 0.99, (exact * 1.01) + 1e-12);
    }

    [Fact]
    public void AScalesLowerBoundIsBelowItsPointAndNearsItAsOptOutsAccrue()
    {
        var young = new OptOutTally(100, 5, 10, 100, 5, 10);
        var mature = new OptOutTally(10_000, 500, 1_000, 10_000, 500, 1_000);

        Assert.InRange(OptOutScale.LowerBound(young).Push, 1.0, 1.1);
        Assert.InRange(OptOutScale.From(young).Push, 1.6, 1.7);
        Assert.InRange(OptOutScale.From(mature).Push - OptOutScale.LowerBound(mature).Push, 0.05, 0.15);
        Assert.Equal(OptOutScale.LowerBound(mature).Push, OptOutScale.LowerBound(mature).Email);
    }

    [Fact]
    public void AScaleIsShrunkTowardOneAndBounded()
    {
        Assert.Equal(1, OptOutScaledModel.ScaleFrom(0, 0));
        Assert.Equal(OptOutScaledModel.MaxScale, OptOutScaledModel.ScaleFrom(10_000, 0));
        Assert.Equal(OptOutScaledModel.MinScale, OptOutScaledModel.ScaleFrom(0, 10_000));
        Assert.Equal(OptOutScaledModel.PseudoOptOuts / (3 + OptOutScaledModel.PseudoOptOuts), OptOutScaledModel.ScaleFrom(0, 3), 12);
    }

    [Fact]
    public async Task ABatchWithANegativeCountIsRefusedWhole()
    {
        var grain = Calibration();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => grain.Add(new Dictionary<DateOnly, OptOutTally>
        {
            [Monday] = new(10, 0.5, 9, 0, 0, 0),
            [Monday.AddDays(1)] = new(1, -0.5, 0, 0, 0, 0),
        }));

        Assert.Contains("2026-10-06", error.Message, StringComparison.Ordinal);
        Assert.Equal(OptOutScale.None, await grain.ScaleFor(Monday.AddDays(9)));
    }
}
