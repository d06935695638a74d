using FsCheck.Xunit;
using NotificationActors.Policy.Actions;
using NotificationActors.Policy.Slow;
using NotificationActors.Policy.Tests.Support;

namespace NotificationActors.Policy.Tests.Slow;

/// <summary>A member's own signals move the prior's plan: dismissals, falling opens, an opt-out elsewhere, a lapse.</summary>
public class MemberSignalTests
{
    private static readonly SlowPolicy Prior = new(ActionGrid.Default, new ParametricRewardModel(), new SlowPolicyOptions { Exploration = ExplorationMode.Greedy });

    private static PacingAction PlanFor(MemberFeatures member, ChannelSet optedIn = ChannelSet.All) =>
        Prior.Grid[Prior.Evaluate(member, optedIn, Prior.CreateWorkspace())];

    private static MemberFeatures Casual => new()
    {
        EngagedDaysPerWeek = 1.5, TenureWeeks = 60, PushOpenRate = 0.12, EmailOpenRate = 0.18, DismissRate = 0.1, RecentPushPerWeek = 3, RecentEmailPerWeek = 1,
    };

    [Fact]
    public void AMemberWhoDismissesEverythingAndStopsOpeningGetsASmallerPlan()
    {
        var steady = PlanFor(Casual);
        var tiring = PlanFor(Casual with { DismissRate = 0.45, OpenRateTrend = -0.1, PushOpenRate = 0.05, EmailOpenRate = 0.08 });

        Assert.True(steady.Sends > 0, $"a casual viewer's plan {steady} sends something");
        Assert.True(tiring.Sends < steady.Sends, $"steady {steady}, tiring {tiring}");
    }

    [Property(MaxTest = 300)]
    public void OnlyDismissalsBeyondTheUsualShareLowerReceptiveness(int seed)
    {
        var member = Members.Random(seed);
        var usual = member with { DismissRate = member.UsualDismissRate };
        var beyond = member with { DismissRate = Math.Min(1, member.UsualDismissRate + 0.2) };
        var unknownUsual = member with { UsualDismissRate = 0, DismissRate = MemberSignals.ReferenceDismissRate };

        var steady = 1 + (MemberSignals.TrendWeight * member.OpenRateTrend);
        Assert.Equal(Math.Clamp(steady, 0.1, 1.5), MemberSignals.Receptiveness(usual), 9);
        Assert.Equal(MemberSignals.Receptiveness(usual), MemberSignals.Receptiveness(unknownUsual), 9);
        Assert.True(MemberSignals.Receptiveness(beyond) <= MemberSignals.Receptiveness(usual));
    }

    [Fact]
    public void ACasualViewerDismissingAsMuchAsMembersLikeThemKeepsTheSteadyPlan()
    {
        // A population that dismisses a fifth of its messages: a member at that share is behaving as usual.
        var steady = PlanFor(Casual with { DismissRate = 0.1 });
        var asUsual = PlanFor(Casual with { DismissRate = 0.2, UsualDismissRate = 0.2 });
        var readAgainstTheAssumedShare = PlanFor(Casual with { DismissRate = 0.2 });

        // Only the opt-out hazard still reads the dismissals themselves, and not enough to move this plan.
        Assert.Equal((steady.Push, steady.Email), (asUsual.Push, asUsual.Email));
        Assert.True(readAgainstTheAssumedShare.Sends < asUsual.Sends, $"as usual {asUsual}, against 0.1 {readAgainstTheAssumedShare}");
    }

    [Property(MaxTest = 300)]
    public void AnOptOutElsewhereNeverRaisesThePlansSends(int seed)
    {
        // Both channels' risks rise, so the plan may trade one for the other, never add to them.
        var member = Members.Random(seed) with { RecentOptOut = 0 };

        var before = PlanFor(member);
        var after = PlanFor(member with { RecentOptOut = 1 });

        Assert.True(after.Sends <= before.Sends, $"before {before}, after an opt-out elsewhere {after}");
    }

    [Fact]
    public void AfterAnOptOutOfPushTheEmailPlanMovesOnlyByTheModelAndPushStaysOff()
    {
        var member = Casual with { RecentOptOut = 1 };
        var workspace = Prior.CreateWorkspace();

        var plan = Prior.Grid[Prior.Evaluate(member, ChannelSet.All.Without(Channel.Push), workspace)];

        // The email level the model's utility prefers among the push-free actions, read off the workspace.
        var grid = Prior.Grid;
        var bestEmail = grid.EmailLevels.ToArray().MaxBy(e => workspace.Utilities[grid.IndexOf(0, e)]);
        Assert.Equal((0, bestEmail), (plan.Push, plan.Email));

        // With push gone, email has more to win back; the opt-out itself only makes the model more careful.
        Assert.True(plan.Email <= PlanFor(Casual, ChannelSet.All.Without(Channel.Push)).Email);
    }

    [Property(MaxTest = 300)]
    public void ALapseNeverRaisesThePlansSends(int seed)
    {
        var member = Members.Random(seed) with { DaysSinceEngaged = 0 };

        var active = PlanFor(member);
        var lapsed = PlanFor(member with { DaysSinceEngaged = MemberFeatures.MaxDaysSinceEngaged });

        Assert.True(lapsed.Sends <= active.Sends, $"active {active}, lapsed {lapsed}");
    }
}
