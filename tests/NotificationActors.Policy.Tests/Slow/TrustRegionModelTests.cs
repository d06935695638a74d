using FsCheck.Xunit;
using NotificationActors.Policy.Actions;
using NotificationActors.Policy.Slow;
using NotificationActors.Policy.Tests.Support;

namespace NotificationActors.Policy.Tests.Slow;

/// <summary>A candidate that would send far more than the champion moves each member's plan only within the region.</summary>
public class TrustRegionModelTests
{
    private static readonly ActionGrid Grid = ActionGrid.Default;
    private static readonly SlowPolicyOptions Costs = new() { Exploration = ExplorationMode.Greedy };

    // The champion's curves; the candidate believes every message earns five times as much, so unrestricted it sends far more.
    private static readonly ParametricRewardModel Champion = new();
    private static readonly ParametricRewardModel Eager = new(new ParametricRewardModelOptions
    {
        PushEffect = 5 * ParametricRewardModelOptions.DefaultPushEffect,
        EmailEffect = 5 * ParametricRewardModelOptions.DefaultEmailEffect,
    }, "eager");

    private static int Level(int action, bool push) => push ? action / Grid.EmailLevels.Length : action % Grid.EmailLevels.Length;

    [Property(MaxTest = 200)]
    public void PlansStayWithinTheRadiusOfTheChampionsPlanAndInsideItFollowTheCandidate(int seed, bool wide)
    {
        var radius = wide ? 3 : 1;
        var member = Members.Random(seed);
        var champion = new SlowPolicy(Grid, Champion, Costs);
        var candidate = new SlowPolicy(Grid, Eager, Costs);
        var trusted = new SlowPolicy(Grid, new TrustRegionModel(Eager, Champion, Grid, Costs, radius), Costs);
        var (championWorkspace, candidateWorkspace, trustedWorkspace) = (champion.CreateWorkspace(), candidate.CreateWorkspace(), trusted.CreateWorkspace());

        var championPlan = champion.Evaluate(member, ChannelSet.All, championWorkspace);
        var candidatePlan = candidate.Evaluate(member, ChannelSet.All, candidateWorkspace);
        var trustedPlan = trusted.Evaluate(member, ChannelSet.All, trustedWorkspace);

        Assert.InRange(Level(trustedPlan, push: true), Level(championPlan, push: true) - radius, Level(championPlan, push: true) + radius);
        Assert.InRange(Level(trustedPlan, push: false), Level(championPlan, push: false) - radius, Level(championPlan, push: false) + radius);
        for (var a = 0; a < Grid.Count; a++)
        {
            var inside = Math.Abs(Level(a, true) - Level(championPlan, true)) <= radius && Math.Abs(Level(a, false) - Level(championPlan, false)) <= radius;
            if (inside) Assert.Equal(candidateWorkspace.Utilities[a], trustedWorkspace.Utilities[a], 9);
        }

        // When the candidate's own plan is inside the region, the region changes nothing.
        if (Math.Abs(Level(candidatePlan, true) - Level(championPlan, true)) <= radius && Math.Abs(Level(candidatePlan, false) - Level(championPlan, false)) <= radius)
        {
            Assert.Equal(candidatePlan, trustedPlan);
        }
    }

    [Fact]
    public void TheEagerCandidateLeavesTheRegionForManyMembersAndTheirTrustedPlansStillMoveTowardIt()
    {
        var champion = new SlowPolicy(Grid, Champion, Costs);
        var candidate = new SlowPolicy(Grid, Eager, Costs);
        var trusted = new SlowPolicy(Grid, new TrustRegionModel(Eager, Champion, Grid, Costs, 1), Costs);
        var (outside, moved) = (0, 0);
        for (var seed = 0; seed < 200; seed++)
        {
            var member = Members.Random(seed);
            var championPlan = champion.Evaluate(member, ChannelSet.All, champion.CreateWorkspace());
            var candidatePlan = candidate.Evaluate(member, ChannelSet.All, candidate.CreateWorkspace());
            var trustedPlan = trusted.Evaluate(member, ChannelSet.All, trusted.CreateWorkspace());
            if (Math.Abs(Level(candidatePlan, true) - Level(championPlan, true)) > 1 || Math.Abs(Level(candidatePlan, false) - Level(championPlan, false)) > 1) outside++;
            if (trustedPlan != championPlan) moved++;
        }

        Assert.True(outside > 50, $"the eager candidate left the region for only {outside} of 200 members");
        Assert.True(moved > 50, $"the trusted plans moved toward the candidate for only {moved} of 200 members");
    }

    [Property(MaxTest = 200)]
    public void APlanLeavesTheChampionsOnlyForAGainOfTheMarginInTheCandidatesOwnUtility(int seed, bool large)
    {
        var margin = large ? 0.5 : 0.05;
        var member = Members.Random(seed);
        var champion = new SlowPolicy(Grid, Champion, Costs);
        var region = new SlowPolicy(Grid, new TrustRegionModel(Eager, Champion, Grid, Costs, 2), Costs);
        var guarded = new SlowPolicy(Grid, new TrustRegionModel(Eager, Champion, Grid, Costs, 2, margin), Costs);
        var regionWorkspace = region.CreateWorkspace();

        var championPlan = champion.Evaluate(member, ChannelSet.All, champion.CreateWorkspace());
        var regionPlan = region.Evaluate(member, ChannelSet.All, regionWorkspace);
        var guardedPlan = guarded.Evaluate(member, ChannelSet.All, guarded.CreateWorkspace());

        // The candidate's own utilities within the region (no margin) say whether its best plan gains the margin.
        var gain = regionWorkspace.Utilities[regionPlan] - regionWorkspace.Utilities[championPlan];
        Assert.Equal(gain > margin ? regionPlan : championPlan, guardedPlan);
    }

    [Property(MaxTest = 50)]
    public void AKeptPlanIsValuedAndExplainedByTheCandidatesOwnPredictions(int seed)
    {
        // The margin decides the choice only: the utilities (and the in-app cap read from the same predictions) are
        // the candidate's, also when the served model is wrapped for its opt-out calibration.
        var member = Members.Random(seed);
        var region = new SlowPolicy(Grid, new TrustRegionModel(Eager, Champion, Grid, Costs, 2), Costs);
        var guarded = new SlowPolicy(Grid, new OptOutScaledModel(new TrustRegionModel(Eager, Champion, Grid, Costs, 2, margin: 0.5), 1, 1), Costs);
        var (regionWorkspace, guardedWorkspace) = (region.CreateWorkspace(), guarded.CreateWorkspace());

        region.Evaluate(member, ChannelSet.All, regionWorkspace);
        var kept = guarded.Plan(member, ChannelSet.All, guardedWorkspace, new Random(seed));

        Assert.Equal(regionWorkspace.Utilities.ToArray(), guardedWorkspace.Utilities.ToArray());
        if (!kept.Explored) Assert.Equal(regionWorkspace.Utilities[kept.Action.Index], kept.Utility);
    }

    [Fact]
    public void AMarginMovesFewerMembersThanTheRegionAlone()
    {
        var champion = new SlowPolicy(Grid, Champion, Costs);
        var region = new SlowPolicy(Grid, new TrustRegionModel(Eager, Champion, Grid, Costs, 2), Costs);
        var guarded = new SlowPolicy(Grid, new TrustRegionModel(Eager, Champion, Grid, Costs, 2, margin: 0.2), Costs);
        var (moved, movedGuarded) = (0, 0);
        for (var seed = 0; seed < 200; seed++)
        {
            var member = Members.Random(seed);
            var championPlan = champion.Evaluate(member, ChannelSet.All, champion.CreateWorkspace());
            if (region.Evaluate(member, ChannelSet.All, region.CreateWorkspace()) != championPlan) moved++;
            if (guarded.Evaluate(member, ChannelSet.All, guarded.CreateWorkspace()) != championPlan) movedGuarded++;
        }

        Assert.True(movedGuarded < moved, $"{movedGuarded} of 200 members moved with the margin, {moved} without");
    }

    [Fact]
    public void TheRegionIsNamedAfterTheCandidateAndNeedsARadiusAndAMarginOfZeroOrMore()
    {
        Assert.Equal("eager-near", new TrustRegionModel(Eager, Champion, Grid, Costs, 2).Version);
        Assert.Throws<ArgumentOutOfRangeException>(() => new TrustRegionModel(Eager, Champion, Grid, Costs, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TrustRegionModel(Eager, Champion, Grid, Costs, 2, margin: -0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TrustRegionModel(Eager, Champion, Grid, Costs, 2, margin: double.NaN));
    }
}
