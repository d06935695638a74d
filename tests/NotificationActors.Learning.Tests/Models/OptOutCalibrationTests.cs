using NotificationActors.Learning.Models;
using NotificationActors.Learning.Training;
using NotificationActors.Policy.Actions;
using NotificationActors.Policy.Slow;

namespace NotificationActors.Learning.Tests.Models;

public sealed class OptOutCalibrationTests
{
    private static readonly MemberFeatures Member = new() { EngagedDaysPerWeek = 2, TenureWeeks = 40, PushOpenRate = 0.08, EmailOpenRate = 0.15, DismissRate = 0.1 };

    [Theory]
    [InlineData(0.4)]
    [InlineData(2.5)]
    public void APopulationThatOptsOutAtAMultipleOfThePriorsRateScalesThePriorByAboutThatMultiple(double multiple)
    {
        var prior = PriorRates(3, 1);
        var rows = Rows(200_000, 3, 1, prior.Push * multiple, prior.Email * multiple);

        var calibration = OptOutCalibration.Calibrate(rows);

        foreach (var channel in calibration)
        {
            Assert.Equal(multiple, channel.Scale, 0.15 * multiple);
            Assert.Equal(channel.PriorRate * multiple, channel.ObservedRate, 0.1 * channel.ObservedRate);
        }
    }

    [Fact]
    public void AThinLogMovesThePriorOnlyALittle()
    {
        var rows = Rows(100, 3, 1, 0, 0);

        var push = OptOutCalibration.Calibrate(rows).Single(c => c.Channel == "push");

        // No opt-out in 100 weeks, where the prior expects a fraction of one: evidence too thin to price opt-outs at zero.
        Assert.Equal(0, push.ObservedRate);
        Assert.InRange(push.Scale, 0.5, 1);
    }

    [Fact]
    public void TheCalibratedPriorPlansWithTheScaledHazardAndTheCardShowsItPerFrequencyBand()
    {
        var prior = PriorRates(3, 1);
        var calibration = OptOutCalibration.Calibrate(Rows(100_000, 3, 1, prior.Push * 3, prior.Email * 3));
        var calibrated = new ParametricRewardModel(OptOutCalibration.Apply(calibration));
        var grid = ActionGrid.Default;
        var (rewards, optOut) = (new double[grid.Count * 2], new double[grid.Count * 2]);

        calibrated.Predict(Member, grid, rewards, optOut);

        var push = calibration.Single(c => c.Channel == "push");
        Assert.Equal(prior.Push * push.Scale, optOut[grid.IndexOf(3, 1)], 1e-12);
        var band = Assert.Single(push.Bands, b => b.Weeks > 0);
        Assert.Equal(("3-5", push.ObservedRate), (band.Frequencies, band.ObservedRate));
    }

    private static (double Push, double Email) PriorRates(int push, int email)
    {
        var grid = ActionGrid.Default;
        var (rewards, optOut) = (new double[grid.Count * 2], new double[grid.Count * 2]);
        new ParametricRewardModel().Predict(Member, grid, rewards, optOut);
        return (optOut[grid.IndexOf(push, email)], optOut[grid.Count + grid.IndexOf(push, email)]);
    }

    // Weeks of one member kind at one plan, with opt-outs at the given rates (spread evenly, so counts are exact).
    private static LearningRow[] Rows(int weeks, int push, int email, double pushRate, double emailRate) =>
        [.. Enumerable.Range(0, weeks).Select(i => new LearningRow
        {
            Features = Member,
            Push = push,
            Email = email,
            PushOptOut = Math.Floor((i + 1) * pushRate) > Math.Floor(i * pushRate),
            EmailOptOut = Math.Floor((i + 1) * emailRate) > Math.Floor(i * emailRate),
            NextWeekEngagedDays = -1,
        })];
}
