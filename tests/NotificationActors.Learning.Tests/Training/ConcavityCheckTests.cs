using NotificationActors.Learning.Models;
using NotificationActors.Learning.Training;
using NotificationActors.Policy.Actions;
using NotificationActors.Policy.Slow;

namespace NotificationActors.Learning.Tests.Training;

/// <summary>The concavity check finds exactly the axes along which a model's utility bends upward.</summary>
public sealed class ConcavityCheckTests
{
    private static readonly MemberFeatures[] Members = [new() { EngagedDaysPerWeek = 2, TenureWeeks = 30, PushOpenRate = 0.2, EmailOpenRate = 0.1 }];

    // Weights on the constant trait times a basis: slot (basis + 1) * traits; email's bases follow push's.
    private static LinearHead Reward(double logPush, double logEmail)
    {
        var weights = new float[RewardBasis.RewardLength];
        weights[RewardBasis.MemberLength] = (float)logPush;
        weights[(RewardBasis.ChannelBases + 1) * RewardBasis.MemberLength] = (float)logEmail;
        return new LinearHead(weights, 2);
    }

    private static readonly LinearHead NoOptOut = new(new float[RewardBasis.OptOutLength], -30, -1, 0);

    private static readonly LinearHead Zero = new(new float[RewardBasis.RewardLength], 0);

    private static Artefacts.ConcavityReport Check(LinearHead engagement) =>
        ConcavityCheck.Run(new LearnedRewardModel("t", engagement, Zero, NoOptOut, NoOptOut), Members, ActionGrid.Default, new SlowPolicyOptions());

    [Fact]
    public void ASaturatingModelIsConcaveEverywhere()
    {
        var report = Check(Reward(logPush: 0.8, logEmail: 0.5));

        Assert.Equal(0, report.PushNonConcaveShare);
        Assert.Equal(0, report.EmailNonConcaveShare);
        Assert.Equal("", report.Where);
    }

    [Fact]
    public void AModelThatBendsUpInEmailIsReportedForEmailOnly()
    {
        var report = Check(Reward(logPush: 0.8, logEmail: -0.5));

        Assert.Equal(0, report.PushNonConcaveShare);
        Assert.Equal(1, report.EmailNonConcaveShare);
        Assert.True(report.LargestViolation > 0);
        Assert.Equal("not concave in email frequency for 1 of 1 members", report.Where);
    }
}
