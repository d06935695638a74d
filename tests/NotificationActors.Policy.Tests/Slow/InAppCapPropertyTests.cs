using FsCheck.Xunit;
using NotificationActors.Policy.Actions;
using NotificationActors.Policy.Slow;
using NotificationActors.Policy.Tests.Support;

namespace NotificationActors.Policy.Tests.Slow;

public class InAppCapPropertyTests
{
    private static SlowPolicy Policy(double messageCost = SlowPolicyOptions.DefaultMessageCost) =>
        new(ActionGrid.Default, new ParametricRewardModel(), new SlowPolicyOptions { MessageCost = messageCost, Exploration = ExplorationMode.Greedy });

    private static (PacingAction Action, int Cap, double Utility) Plan(SlowPolicy policy, MemberFeatures member, ChannelSet optedIn = ChannelSet.All)
    {
        var workspace = policy.CreateWorkspace();
        var action = policy.Grid[policy.Evaluate(member, optedIn, workspace)];
        var (cap, utility) = policy.InAppCap(member, action, optedIn, workspace);
        return (action, cap, utility);
    }

    [Property(MaxTest = 300)]
    public void TheCapStaysWithinItsBoundAndEarnsNoLessThanSendingNothing(int seed)
    {
        var (_, cap, utility) = Plan(Policy(), Members.Random(seed));

        Assert.InRange(cap, 0, InAppOptions.DefaultMaxPerWeek);
        Assert.True(utility >= 0, $"cap {cap} has utility {utility}");
        Assert.True(cap > 0 || utility == 0);
    }

    [Property(MaxTest = 200)]
    public void AMemberWhoTurnedInAppOffGetsNoInApp(int seed)
    {
        var (_, cap, utility) = Plan(Policy(), Members.Random(seed), ChannelSet.All.Without(Channel.InApp));

        Assert.Equal((0, 0.0), (cap, utility));
    }

    [Property(MaxTest = 300)]
    public void RaisingTheMessageCostNeverRaisesTheCap(int seed, byte lowStep, byte raiseStep)
    {
        var member = Members.Random(seed);
        var cheap = Policy(lowStep / 1000.0);
        var dear = Policy((lowStep / 1000.0) + ((raiseStep + 1) / 1000.0));
        var workspace = cheap.CreateWorkspace();
        var action = cheap.Grid[cheap.Evaluate(member, ChannelSet.All, workspace)];
        var dearWorkspace = dear.CreateWorkspace();
        dear.Evaluate(member, ChannelSet.All, dearWorkspace);

        var atLow = cheap.InAppCap(member, action, ChannelSet.All, workspace).Cap;
        var atHigh = dear.InAppCap(member, action, ChannelSet.All, dearWorkspace).Cap;

        Assert.True(atHigh <= atLow, $"{action}: cap {atLow} at the lower cost, {atHigh} at the higher");
    }

    [Property(MaxTest = 300)]
    public void MorePushesAndEmailsNeverRaiseTheCap(int seed, byte pushStep, byte emailStep)
    {
        // More messages elsewhere leave less to win back and more opt-out risk for in-app messages to add to.
        var policy = Policy();
        var member = Members.Random(seed);
        var workspace = policy.CreateWorkspace();
        policy.Evaluate(member, ChannelSet.All, workspace);
        var grid = policy.Grid;
        var push = pushStep % grid.MaxPush;
        var email = emailStep % grid.MaxEmail;
        var fewer = grid[grid.IndexOf(push, email)];
        var more = grid[grid.IndexOf(push + 1, email + 1)];

        Assert.True(policy.InAppCap(member, more, ChannelSet.All, workspace).Cap <= policy.InAppCap(member, fewer, ChannelSet.All, workspace).Cap);
    }

    [Property(MaxTest = 300)]
    public void AMemberWhoDismissesMoreNeverGetsAHigherCap(int seed, byte step)
    {
        var member = Members.Random(seed);

        // With dismissals slowing the in-app curve rather than lowering it, a member who dismissed more got 7 in-app
        // messages at no pushes or emails where one who dismissed less got 6.
        AssertNoHigherCapAtAnyPlan(member, member with { DismissRate = Math.Min(1, member.DismissRate + ((step + 1) / 256.0)) }, "dismissing more");
    }

    [Property(MaxTest = 300)]
    public void AMemberWhoOpensFewerInAppMessagesNeverGetsAHigherCap(int seed, byte step)
    {
        var member = Members.Random(seed);

        // With the open rate setting how fast the curve rose rather than how high, each further message still added on
        // the slower curve, and a member who opened fewer was capped higher at some plans (3 against 2 at 1 push and 5 emails).
        AssertNoHigherCapAtAnyPlan(member, member with { InAppOpenRate = member.InAppOpenRate * (step / 256.0) }, "opening fewer");
    }

    // At every push and email plan, not only the one chosen, the changed member's cap is no higher than the member's.
    private static void AssertNoHigherCapAtAnyPlan(MemberFeatures member, MemberFeatures changed, string change)
    {
        var policy = Policy();
        var workspace = policy.CreateWorkspace();
        var changedWorkspace = policy.CreateWorkspace();
        policy.Evaluate(member, ChannelSet.All, workspace);
        policy.Evaluate(changed, ChannelSet.All, changedWorkspace);
        foreach (var action in policy.Grid.Actions)
        {
            var cap = policy.InAppCap(member, action, ChannelSet.All, workspace).Cap;
            var changedCap = policy.InAppCap(changed, action, ChannelSet.All, changedWorkspace).Cap;
            Assert.True(changedCap <= cap, $"{action}: cap {cap}, {change} {changedCap}");
        }
    }

    [Fact]
    public void ACasualViewerGetsSomeInAppAndAHeavyOneFewer()
    {
        var casual = new MemberFeatures { EngagedDaysPerWeek = 1, TenureWeeks = 52, PushOpenRate = 0.1, EmailOpenRate = 0.15, InAppOpenRate = 0.2, DismissRate = 0.1 };
        var heavy = casual with { EngagedDaysPerWeek = 6.5 };

        var casualCap = Plan(Policy(), casual).Cap;
        var heavyCap = Plan(Policy(), heavy).Cap;

        Assert.True(casualCap > 0, "a casual viewer has idle days for in-app messages to win back");
        Assert.True(heavyCap < casualCap, $"heavy {heavyCap}, casual {casualCap}");
    }

    [Fact]
    public void AHeavyViewerWhoOpensInAppMessagesAsMostDoStillGetsOne()
    {
        // At the push and email share of idle days (0.25) this member's cap was 0: heavy viewers got almost no in-app.
        var heavy = new MemberFeatures { EngagedDaysPerWeek = 5.5, TenureWeeks = 52, PushOpenRate = 0.1, EmailOpenRate = 0.15, InAppOpenRate = 0.2, DismissRate = 0.1 };

        Assert.True(Plan(Policy(), heavy).Cap >= 1);
    }

    [Theory]
    [InlineData(1, 3)]
    [InlineData(2, 4)]
    public void ALearnedInAppCurveIsScannedWholeAndWeighedAsTheRewardTermsAre(double engagementWeight, int expectedCap)
    {
        // Falls after one message, then rises past it: the prior's curve, concave, stops at its first fall; a learned one may not.
        double[] gains = [0, -0.2, -0.1, 0.4, 0.45, 0.46, 0.47, 0.48];
        var options = new SlowPolicyOptions
        {
            Exploration = ExplorationMode.Greedy,
            InApp = new InAppOptions { FatigueWeight = 0 },
            RewardWeights = new(StringComparer.Ordinal) { [ParametricRewardModel.EngagementTerm] = engagementWeight, [ParametricRewardModel.MessagePlaysTerm] = 1 },
        };
        var policy = new SlowPolicy(ActionGrid.Default, new LearnedInApp(gains), options);
        var workspace = policy.CreateWorkspace();
        var member = Members.Random(3);
        var action = policy.Grid[policy.Evaluate(member, ChannelSet.All, workspace)];

        var (cap, utility) = policy.InAppCap(member, action, ChannelSet.All, workspace);

        Assert.Equal(expectedCap, cap);
        Assert.Equal((engagementWeight * gains[cap]) - (options.MessageCost * cap), utility, 12);
    }

    // The prior's push and email predictions with a fixed learned in-app curve on its engagement term.
    private sealed class LearnedInApp(double[] gains) : IRewardModel
    {
        private readonly ParametricRewardModel _prior = new();

        public string Version => "learned-in-app";

        public IReadOnlyList<string> RewardNames => _prior.RewardNames;

        public void Predict(in MemberFeatures member, ActionGrid grid, Span<double> rewards, Span<double> optOutProbability) =>
            _prior.Predict(member, grid, rewards, optOutProbability);

        public bool InAppGains(in MemberFeatures member, PacingAction action, Span<double> values)
        {
            values.Clear();
            gains.AsSpan().CopyTo(values);
            return true;
        }
    }
}
