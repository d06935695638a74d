using FsCheck.Xunit;
using NotificationActors.Policy.Actions;
using NotificationActors.Policy.Baseline;
using NotificationActors.Policy.Fast;
using NotificationActors.Policy.Pacing;
using NotificationActors.Policy.Tests.Support;

namespace NotificationActors.Policy.Tests.Baseline;

public class ThresholdPolicyTests
{
    private static readonly DateTimeOffset Now = WeekSimulator.Week.Start.AddHours(12);

    [Property(MaxTest = 100)]
    public void ACalibratedThresholdHitsTheTargetSendRateOnFreshOpportunities(int seed, byte rateStep)
    {
        var random = new Random(seed);
        var target = 0.02 + (rateStep / 255.0 * 0.9);
        var member = new MemberContext();
        Candidate[] Opportunity(int i) => Enumerable.Range(0, random.Next(1, 8))
            .Select(k => WeekSimulator.Message(Channel.Push, (i * 10) + k, Math.Pow(random.NextDouble(), 2)))
            .ToArray();
        var calibration = Enumerable.Range(0, 4000).Select(i => Opportunity(i).Max(c => c.Relevance)).ToArray();
        var policy = new ThresholdPolicy(ThresholdCalibrator.ForSendRate(calibration, target));

        var sends = Enumerable.Range(10_000, 4000).Count(i => policy.Decide(member, Now, OpportunityKind.Daily, Opportunity(i)).Send);

        // Both the calibration's quantile and the fresh sample's rate vary by sqrt(p(1-p)/4000); 4.5 standard errors
        // of their difference keeps a run of 100 cases from failing by chance (a fixed 0.035 was 3.1 at p = 0.5,
        // about one run in six).
        var tolerance = 4.5 * Math.Sqrt(2 * target * (1 - target) / 4000);
        Assert.InRange(sends / 4000.0, target - tolerance, target + tolerance);
    }

    [Fact]
    public void TheBaselineHasNoWeeklyBudget()
    {
        var member = new MemberContext { Budget = default, Sent = new ChannelCounts(50, 0, 0) };

        var decision = new ThresholdPolicy(0.3).Decide(member, Now, OpportunityKind.Daily, [WeekSimulator.Message(Channel.Push, 1, 0.6)]);

        Assert.True(decision.Send);
    }

    [Fact]
    public void BelowTheThresholdTheBaselineHoldsAndSaysSo()
    {
        var decision = new ThresholdPolicy(0.7).Decide(new MemberContext(), Now, OpportunityKind.Daily, [WeekSimulator.Message(Channel.Push, 1, 0.6)]);

        Assert.Equal((false, "below-threshold"), (decision.Send, decision.Reason.ToWireName()));
    }

    [Fact]
    public void TheBaselineKeepsTheEligibilityRules()
    {
        var member = new MemberContext { OptedIn = ChannelSet.Email };

        var decision = new ThresholdPolicy(0).Decide(member, Now, OpportunityKind.Daily, [WeekSimulator.Message(Channel.Push, 1, 0.9)]);

        Assert.Equal(DecisionReason.OptedOut, decision.Reason);
    }

    [Theory]
    [InlineData(0, double.PositiveInfinity)]
    [InlineData(1, double.NegativeInfinity)]
    public void ExtremeRatesNeverOrAlwaysSend(double rate, double threshold) =>
        Assert.Equal(threshold, ThresholdCalibrator.ForSendRate([0.1, 0.5], rate));
}
