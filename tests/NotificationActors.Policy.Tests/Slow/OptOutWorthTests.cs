using FsCheck.Xunit;
using NotificationActors.Policy.Actions;
using NotificationActors.Policy.Slow;
using NotificationActors.Policy.Tests.Support;

namespace NotificationActors.Policy.Tests.Slow;

/// <summary>An opt-out costs the configured price, or what the channel is worth to the member over <see cref="SlowPolicyOptions.OptOutWorthWeeks"/> when that is more.</summary>
public class OptOutWorthTests
{
    private static SlowPolicy Policy(double worthWeeks) =>
        new(ActionGrid.Default, new ParametricRewardModel(), new SlowPolicyOptions { Exploration = ExplorationMode.Greedy, OptOutWorthWeeks = worthWeeks });

    // The utilities without any opt-out price: each plan's rewards less the default message cost.
    private static double[] NetRewards(MemberFeatures member, ChannelSet optedIn)
    {
        var policy = new SlowPolicy(ActionGrid.Default, new ParametricRewardModel(), new SlowPolicyOptions
        {
            Exploration = ExplorationMode.Greedy, PushOptOutCost = 0, EmailOptOutCost = 0, OptOutWorthWeeks = 0,
        });
        var workspace = policy.CreateWorkspace();
        policy.Evaluate(member, optedIn, workspace);
        return workspace.Utilities.ToArray();
    }

    [Property(MaxTest = 200)]
    public void AnOptOutCostsTheChannelsWorthOverTheWeeksAndNeverLessThanItsPrice(int seed)
    {
        var member = Members.Random(seed);
        var policy = Policy(SlowPolicyOptions.DefaultOptOutWorthWeeks);
        var workspace = policy.CreateWorkspace();
        policy.Evaluate(member, ChannelSet.All, workspace);

        var net = NetRewards(member, ChannelSet.All);
        var actions = policy.Grid.Actions.ToArray();
        var best = net.Max();
        var pushWorth = best - Enumerable.Range(0, net.Length).Where(a => actions[a].Push == 0).Max(a => net[a]);
        var emailWorth = best - Enumerable.Range(0, net.Length).Where(a => actions[a].Email == 0).Max(a => net[a]);

        Assert.Equal(Math.Max(SlowPolicyOptions.DefaultPushOptOutCost, SlowPolicyOptions.DefaultOptOutWorthWeeks * pushWorth), workspace.PushOptOutCost, 9);
        Assert.Equal(Math.Max(SlowPolicyOptions.DefaultEmailOptOutCost, SlowPolicyOptions.DefaultOptOutWorthWeeks * emailWorth), workspace.EmailOptOutCost, 9);
    }

    /// <summary>
    /// Revealed preference: whatever the member, the plan priced by worth and the plan priced alike satisfy
    /// (p' - p) . (P(a') - P(a)) &lt;= 0, so where worth raises one channel's price alone, that channel's risk never rises.
    /// </summary>
    [Property(MaxTest = 300)]
    public void PricingByWorthNeverMovesThePlanTowardTheRiskItPricesHigher(int seed)
    {
        var member = Members.Random(seed);
        var alike = Policy(0);
        var byWorth = Policy(SlowPolicyOptions.DefaultOptOutWorthWeeks);
        var (alikeSpace, worthSpace) = (alike.CreateWorkspace(), byWorth.CreateWorkspace());
        var a = alike.Evaluate(member, ChannelSet.All, alikeSpace);
        var b = byWorth.Evaluate(member, ChannelSet.All, worthSpace);
        var n = alike.Grid.Count;
        var risk = worthSpace.PredictedOptOut;

        var pushRaise = worthSpace.PushOptOutCost - alikeSpace.PushOptOutCost;
        var emailRaise = worthSpace.EmailOptOutCost - alikeSpace.EmailOptOutCost;
        var moved = (pushRaise * (risk[b] - risk[a])) + (emailRaise * (risk[n + b] - risk[n + a]));

        Assert.True(pushRaise >= 0 && emailRaise >= 0, $"prices fell: push {pushRaise}, email {emailRaise}");
        Assert.True(moved <= 1e-9, $"plan {alike.Grid[a]} became {byWorth.Grid[b]}: priced risk moved by {moved}");
    }

    [Property(MaxTest = 200)]
    public void AChannelWhoseStandInIsClosedCostsNoLessToRisk(int seed)
    {
        var member = Members.Random(seed);
        var policy = Policy(SlowPolicyOptions.DefaultOptOutWorthWeeks);
        var workspace = policy.CreateWorkspace();

        policy.Evaluate(member, ChannelSet.All, workspace);
        var (push, email) = (workspace.PushOptOutCost, workspace.EmailOptOutCost);
        policy.Evaluate(member, ChannelSet.All.Without(Channel.Email), workspace);
        var pushAlone = workspace.PushOptOutCost;
        policy.Evaluate(member, ChannelSet.All.Without(Channel.Push), workspace);
        var emailAlone = workspace.EmailOptOutCost;

        Assert.True(pushAlone >= push - 1e-9, $"push alone {pushAlone} against {push}");
        Assert.True(emailAlone >= email - 1e-9, $"email alone {emailAlone} against {email}");
    }

    [Property(MaxTest = 100)]
    public void AModelsOwnValuationOfItsMessagesLeavesItsPricesAsThePriorSetsThem(int seed)
    {
        var member = Members.Random(seed);
        var prior = Policy(SlowPolicyOptions.DefaultOptOutWorthWeeks);
        var eager = new SlowPolicy(ActionGrid.Default, new ParametricRewardModel(new ParametricRewardModelOptions { PushEffect = 3 * new ParametricRewardModelOptions().PushEffect }),
            new SlowPolicyOptions { Exploration = ExplorationMode.Greedy, MessageCost = 0 });
        var (priorSpace, eagerSpace) = (prior.CreateWorkspace(), eager.CreateWorkspace());

        prior.Evaluate(member, ChannelSet.All, priorSpace);
        eager.Evaluate(member, ChannelSet.All, eagerSpace);

        Assert.Equal(priorSpace.PushOptOutCost, eagerSpace.PushOptOutCost);
        Assert.Equal(priorSpace.EmailOptOutCost, eagerSpace.EmailOptOutCost);
    }

    [Fact]
    public void ACasualViewerWhomPushMovesIsRiskedLessThanAHeavyViewerPricedAtTheFloor()
    {
        var casual = new MemberFeatures { EngagedDaysPerWeek = 0.8, TenureWeeks = 100, PushOpenRate = 0.3, EmailOpenRate = 0.05, DismissRate = 0.05, UsualDismissRate = 0.1 };
        var heavy = casual with { EngagedDaysPerWeek = 6.5 };
        var policy = Policy(SlowPolicyOptions.DefaultOptOutWorthWeeks);
        var workspace = policy.CreateWorkspace();

        var casualPlan = policy.Grid[policy.Evaluate(casual, ChannelSet.All, workspace)];
        var casualPrice = workspace.PushOptOutCost;
        policy.Evaluate(heavy, ChannelSet.All, workspace);
        var alike = Policy(0);
        var casualPlanAlike = alike.Grid[alike.Evaluate(casual, ChannelSet.All, alike.CreateWorkspace())];

        Assert.True(casualPrice > SlowPolicyOptions.DefaultPushOptOutCost, $"casual viewer's push priced at {casualPrice}");
        Assert.Equal(SlowPolicyOptions.DefaultPushOptOutCost, workspace.PushOptOutCost);
        Assert.True(casualPlan.Push <= casualPlanAlike.Push, $"{casualPlan} against {casualPlanAlike} priced alike");
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void WeeksOfWorthOutOfRangeAreRefusedByName(double weeks)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new SlowPolicyOptions { OptOutWorthWeeks = weeks }.Validate());
        Assert.Equal(nameof(SlowPolicyOptions.OptOutWorthWeeks), e.ParamName);
    }
}
