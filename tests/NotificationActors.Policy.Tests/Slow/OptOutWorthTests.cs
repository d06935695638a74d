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

    /// <summary>
    /// The usual model before a promotion is the prior with calibrated opt-outs, whose rewards the policy reuses for the
    /// worth instead of predicting the prior again: prices and utilities must come out exactly as if it had.
    /// </summary>
    [Property(MaxTest = 200)]
    public void ReadingTheWorthFromAModelThatPredictsThePriorsRewardsPricesExactlyAsPredictingItAgain(int seed, bool pushOpen, bool emailOpen)
    {
        var member = Members.Random(seed);
        var optedIn = ChannelSet.InApp | (pushOpen ? ChannelSet.Push : ChannelSet.None) | (emailOpen ? ChannelSet.Email : ChannelSet.None);
        var scaled = new OptOutScaledModel(new ParametricRewardModel(new ParametricRewardModelOptions().WithOptOutScale(1.7, 0.6)), 2, 0.5);
        var options = new SlowPolicyOptions { Exploration = ExplorationMode.Greedy };
        var reusing = new SlowPolicy(ActionGrid.Default, scaled, options);
        var predicting = new SlowPolicy(ActionGrid.Default, new PassThrough(scaled), options);
        var (reusingSpace, predictingSpace) = (reusing.CreateWorkspace(), predicting.CreateWorkspace());

        var plan = reusing.Evaluate(member, optedIn, reusingSpace);

        Assert.True(scaled.PredictsPriorRewards);
        Assert.Equal(predicting.Evaluate(member, optedIn, predictingSpace), plan);
        Assert.Equal(predictingSpace.PushOptOutCost, reusingSpace.PushOptOutCost);
        Assert.Equal(predictingSpace.EmailOptOutCost, reusingSpace.EmailOptOutCost);
        Assert.Equal(predictingSpace.Utilities.ToArray(), reusingSpace.Utilities.ToArray());
    }

    [Fact]
    public void OnlyAPriorWithTheDefaultRewardCurvesSaysItPredictsThePriorsRewards()
    {
        Assert.True(new ParametricRewardModel().PredictsPriorRewards);
        Assert.True(new ParametricRewardModel(new ParametricRewardModelOptions { PushOptOutHazard = 0.01, DismissMultiplier = 9 }).PredictsPriorRewards);
        Assert.False(new ParametricRewardModel(new ParametricRewardModelOptions { EmailEffect = 0.2 }).PredictsPriorRewards);
        Assert.False(new ParametricRewardModel(new ParametricRewardModelOptions { HeadroomShare = 0.5 }).PredictsPriorRewards);
        Assert.False(((IRewardModel)new PassThrough(new ParametricRewardModel())).PredictsPriorRewards);
    }

    // The model's predictions without its claim to be the prior, so the policy predicts the prior for the worth itself.
    private sealed class PassThrough(IRewardModel model) : IRewardModel
    {
        public string Version => model.Version;

        public IReadOnlyList<string> RewardNames => model.RewardNames;

        public void Predict(in MemberFeatures member, ActionGrid grid, Span<double> rewards, Span<double> optOutProbability) =>
            model.Predict(member, grid, rewards, optOutProbability);
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
