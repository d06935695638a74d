using FsCheck.Xunit;
using NotificationActors.Policy.Actions;
using NotificationActors.Policy.Slow;
using NotificationActors.Policy.Tests.Support;

namespace NotificationActors.Policy.Tests.Slow;

public class SlowPolicyPropertyTests
{
    private static SlowPolicy Policy(double messageCost, ExplorationMode exploration = ExplorationMode.Greedy, ParametricRewardModelOptions? model = null, double optOutCostScale = 1) =>
        new(ActionGrid.Default, new ParametricRewardModel(model), new SlowPolicyOptions
        {
            MessageCost = messageCost,
            Exploration = exploration,
            PushOptOutCost = SlowPolicyOptions.DefaultPushOptOutCost * optOutCostScale,
            EmailOptOutCost = SlowPolicyOptions.DefaultEmailOptOutCost * optOutCostScale,
        });

    [Property(MaxTest = 300)]
    public void RaisingTheMessageCostNeverRaisesTheChosenFrequency(int seed, byte lowStep, byte raiseStep)
    {
        var member = Members.Random(seed);
        var low = lowStep / 1000.0;
        var high = low + ((raiseStep + 1) / 1000.0);
        var cheap = Policy(low);
        var dear = Policy(high);

        var atLow = cheap.Grid[cheap.Evaluate(member, ChannelSet.All, cheap.CreateWorkspace())];
        var atHigh = dear.Grid[dear.Evaluate(member, ChannelSet.All, dear.CreateWorkspace())];

        Assert.True(atHigh.Sends <= atLow.Sends, $"cost {low} chose {atLow}, cost {high} chose {atHigh}");
    }

    [Property(MaxTest = 300)]
    public void UtilityIsConcaveInEachFrequencyWithTheMessageCost(int seed, byte costStep)
    {
        var policy = Policy(costStep / 500.0);
        var workspace = policy.CreateWorkspace();
        policy.Evaluate(Members.Random(seed), ChannelSet.All, workspace);
        var grid = policy.Grid;
        var u = workspace.Utilities;
        const double Tolerance = 1e-12;

        foreach (var email in grid.EmailLevels)
        {
            for (var push = 1; push < grid.MaxPush; push++)
            {
                var secondDifference = u[grid.IndexOf(push + 1, email)] - (2 * u[grid.IndexOf(push, email)]) + u[grid.IndexOf(push - 1, email)];
                Assert.True(secondDifference <= Tolerance, $"push {push}, email {email}: second difference {secondDifference}");
            }
        }

        foreach (var push in grid.PushLevels)
        {
            for (var email = 1; email < grid.MaxEmail; email++)
            {
                var secondDifference = u[grid.IndexOf(push, email + 1)] - (2 * u[grid.IndexOf(push, email)]) + u[grid.IndexOf(push, email - 1)];
                Assert.True(secondDifference <= Tolerance, $"push {push}, email {email}: second difference {secondDifference}");
            }
        }
    }

    [Property(MaxTest = 200)]
    public void ZeroCostWithSparseNegativeFeedbackDrivesThePlanToTheMaximumFrequency(int seed)
    {
        // The degenerate case the universal message cost exists to prevent (docs/policy.md).
        var sparse = new ParametricRewardModelOptions { PushOptOutHazard = 1e-7, EmailOptOutHazard = 1e-7 };
        var policy = Policy(messageCost: 0, model: sparse);

        var chosen = policy.Grid[policy.Evaluate(Members.Random(seed), ChannelSet.All, policy.CreateWorkspace())];

        Assert.Equal((ActionGrid.DefaultMaxPushPerWeek, ActionGrid.DefaultMaxEmailPerWeek), (chosen.Push, chosen.Email));
    }

    [Property(MaxTest = 200)]
    public void TheDefaultCostKeepsPlansBelowTheMaximum(int seed)
    {
        var policy = Policy(SlowPolicyOptions.DefaultMessageCost);

        var chosen = policy.Grid[policy.Evaluate(Members.Random(seed), ChannelSet.All, policy.CreateWorkspace())];

        Assert.True(chosen.Push < ActionGrid.DefaultMaxPushPerWeek || chosen.Email < ActionGrid.DefaultMaxEmailPerWeek, $"chose {chosen}");
    }

    [Property(MaxTest = 200)]
    public void OptedOutChannelsAreNeverChosen(int seed, byte optedInBits, byte modeIndex)
    {
        var optedIn = (ChannelSet)(optedInBits & (int)ChannelSet.All);
        var mode = (ExplorationMode)(modeIndex % 3);
        var policy = new SlowPolicy(ActionGrid.Default, new ParametricRewardModel(), new SlowPolicyOptions
        {
            MessageCost = 0,
            Exploration = mode,
            Epsilon = 0.5,
            Temperature = 5,
        });
        var workspace = policy.CreateWorkspace();
        var random = new Random(seed);
        var member = Members.Random(seed);

        for (var draw = 0; draw < 50; draw++)
        {
            var choice = policy.Plan(member, optedIn, workspace, random);
            Assert.True(optedIn.Contains(Channel.Push) || choice.Action.Push == 0, $"{mode} chose push {choice.Action.Push} with push opted out");
            Assert.True(optedIn.Contains(Channel.Email) || choice.Action.Email == 0, $"{mode} chose email {choice.Action.Email} with email opted out");
            Assert.InRange(choice.Propensity, double.Epsilon, 1);
        }
    }

    [Property(MaxTest = 100)]
    public void ExplanationTermsSumToTheChosenUtility(int seed)
    {
        var policy = Policy(SlowPolicyOptions.DefaultMessageCost, ExplorationMode.EpsilonGreedy);
        var workspace = policy.CreateWorkspace();
        var choice = policy.Plan(Members.Random(seed), ChannelSet.All, workspace, new Random(seed));

        var explanation = policy.Explain(workspace, choice.Action);

        Assert.Equal(choice.Utility, explanation.Total, 9);
        Assert.Equal(-SlowPolicyOptions.DefaultMessageCost * choice.Action.Sends, explanation.Terms[PlanExplanation.MessageCostTerm], 12);
        Assert.True(explanation.Terms[PlanExplanation.OptOutRiskTerm] <= 0);
    }
}
