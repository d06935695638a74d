using NotificationActors.Policy.Actions;
using NotificationActors.Policy.Slow;
using NotificationActors.Policy.Tests.Support;

namespace NotificationActors.Policy.Tests.Slow;

public class ExplorationTests
{
    private const int Draws = 40_000;

    [Theory]
    [InlineData(ExplorationMode.EpsilonGreedy, 0, 2, 2, 3)]
    [InlineData(ExplorationMode.Softmax, 0, 2, 2, 3)]
    [InlineData(ExplorationMode.LocalEpsilonGreedy, 0, 2, 2, 3)]
    [InlineData(ExplorationMode.LocalEpsilonGreedy, 0.4, 1, 1, 3)]
    [InlineData(ExplorationMode.LocalEpsilonGreedy, 0.4, 2, 1, 2)]
    [InlineData(ExplorationMode.LocalEpsilonGreedy, 0.4, 1, 1, 0)]
    public void LoggedPropensitiesMatchTheFrequencyOfEachChoice(ExplorationMode mode, double uniformShare, int pushRadius, int emailRadius, int uniformMax)
    {
        var policy = new SlowPolicy(ActionGrid.Uniform(3, 2), new ParametricRewardModel(), new SlowPolicyOptions
        {
            Exploration = mode,
            Epsilon = 0.3,
            Temperature = 0.05,
            UniformExplorationShare = uniformShare,
            LocalPushRadius = pushRadius,
            LocalEmailRadius = emailRadius,
            UniformExplorationMaxPush = uniformMax,
            UniformExplorationMaxEmail = uniformMax,
        });
        var workspace = policy.CreateWorkspace();
        var member = Members.Random(7);
        var random = new Random(11);
        var counts = new int[policy.Grid.Count];
        var logged = new double[policy.Grid.Count];

        for (var i = 0; i < Draws; i++)
        {
            var choice = policy.Plan(member, ChannelSet.All, workspace, random);
            counts[choice.Action.Index]++;
            logged[choice.Action.Index] = choice.Propensity;
        }

        for (var a = 0; a < counts.Length; a++)
        {
            if (counts[a] == 0) continue;
            var frequency = (double)counts[a] / Draws;
            var standardError = Math.Sqrt(logged[a] * (1 - logged[a]) / Draws);
            Assert.True(Math.Abs(frequency - logged[a]) <= (5 * standardError) + 1e-3, $"action {a}: frequency {frequency}, logged {logged[a]}");
        }

        Assert.Equal(1, logged.Where((_, a) => counts[a] > 0).Sum(), 2);
    }

    [Fact]
    public void LocalExplorationStaysWithinEachChannelsRadiusOfTheArgmaxAndReachesEveryActionThere()
    {
        var policy = LocalPolicy(epsilon: 1, uniformShare: 0);
        var workspace = policy.CreateWorkspace();
        var member = Members.Random(3);
        var greedy = policy.Grid[policy.Evaluate(member, ChannelSet.All, workspace)];
        var pushLevels = policy.Grid.PushLevels.ToArray();
        var emailLevels = policy.Grid.EmailLevels.ToArray();
        var random = new Random(5);

        var drawn = Enumerable.Range(0, 5_000).Select(_ => policy.Plan(member, ChannelSet.All, workspace, random).Action).ToHashSet();

        var expected = policy.Grid.Actions.ToArray().Where(a =>
            Math.Abs(Array.IndexOf(pushLevels, a.Push) - Array.IndexOf(pushLevels, greedy.Push)) <= SlowPolicyOptions.DefaultLocalPushRadius
            && Math.Abs(Array.IndexOf(emailLevels, a.Email) - Array.IndexOf(emailLevels, greedy.Email)) <= SlowPolicyOptions.DefaultLocalEmailRadius).ToHashSet();
        Assert.Equal(expected, drawn);
    }

    [Fact]
    public void UniformExploredWeeksStayInTheirBoxAndReachEveryFeasiblePlanThere()
    {
        var policy = LocalPolicy(epsilon: 1, uniformShare: 1);
        var workspace = policy.CreateWorkspace();
        var member = Members.Random(3);
        var random = new Random(5);

        var drawn = Enumerable.Range(0, 20_000).Select(_ => policy.Plan(member, ChannelSet.All, workspace, random).Action).ToHashSet();
        var pushOnly = Enumerable.Range(0, 2_000).Select(_ => policy.Plan(member, ChannelSet.All.Without(Channel.Email), workspace, random).Action).ToHashSet();

        var expected = policy.Grid.Actions.ToArray()
            .Where(a => a.Push <= SlowPolicyOptions.DefaultUniformExplorationMaxPush && a.Email <= SlowPolicyOptions.DefaultUniformExplorationMaxEmail).ToHashSet();
        Assert.Equal(expected, drawn);
        Assert.Equal(expected.Where(a => a.Email == 0).ToHashSet(), pushOnly);
    }

    [Fact]
    public void AnExploredWeeksInAppCapIsUniformAndIndependentOfItsPushesWhileOtherWeeksKeepTheCurvesCap()
    {
        var policy = LocalPolicy(epsilon: 0.5, uniformShare: 0.3);
        var workspace = policy.CreateWorkspace();
        var member = Members.Random(7);
        var random = new Random(5);
        var caps = InAppOptions.DefaultMaxPerWeek + 1;
        var argmax = policy.Grid[policy.Evaluate(member, ChannelSet.All, workspace)];
        var counts = new double[caps, 2];
        for (var i = 0; i < Draws; i++)
        {
            var choice = policy.Plan(member, ChannelSet.All, workspace, random);
            var (cap, _) = policy.PlanInApp(member, choice, ChannelSet.All, workspace, random);
            Assert.Equal(0, policy.PlanInApp(member, choice, ChannelSet.All.Without(Channel.InApp), workspace, random).Cap);
            if (!choice.Explored)
            {
                Assert.Equal(policy.InAppCap(member, choice.Action, ChannelSet.All, workspace).Cap, cap);
                continue;
            }

            counts[cap, choice.Action.Push > argmax.Push ? 1 : 0]++;
        }

        // Uniform over the caps, and the same whether the explored plan pushed more than the argmax or not (chi-square,
        // 7 degrees of freedom each, at 0.1%).
        var total = counts.Cast<double>().Sum();
        var uniform = Enumerable.Range(0, caps).Sum(c => Math.Pow(counts[c, 0] + counts[c, 1] - (total / caps), 2) / (total / caps));
        var dependence = 0.0;
        for (var c = 0; c < caps; c++)
        {
            for (var side = 0; side < 2; side++)
            {
                var expected = (counts[c, 0] + counts[c, 1]) * Enumerable.Range(0, caps).Sum(k => counts[k, side]) / total;
                dependence += Math.Pow(counts[c, side] - expected, 2) / expected;
            }
        }

        Assert.True(uniform < 24.32, $"chi-square {uniform:F1} against uniform caps");
        Assert.True(dependence < 24.32, $"chi-square {dependence:F1}: the caps depend on the explored pushes");
    }

    [Fact]
    public void GreedyPlansHavePropensityOneAndAreNotExplored()
    {
        var policy = new SlowPolicy(ActionGrid.Default, new ParametricRewardModel(), new SlowPolicyOptions { Exploration = ExplorationMode.Greedy });

        var choice = policy.Plan(Members.Random(3), ChannelSet.All, policy.CreateWorkspace(), new Random(1));

        Assert.Equal(1, choice.Propensity);
        Assert.False(choice.Explored);
        Assert.Equal(choice.BestUtility, choice.Utility);
    }

    [Fact]
    public void AWorkspaceFromAnotherGridIsRejected()
    {
        var small = new SlowPolicy(ActionGrid.Uniform(2, 2), new ParametricRewardModel(), new SlowPolicyOptions());
        var large = new SlowPolicy(ActionGrid.Default, new ParametricRewardModel(), new SlowPolicyOptions());

        var error = Assert.Throws<ArgumentException>(() => large.Evaluate(Members.Random(1), ChannelSet.All, small.CreateWorkspace()));

        Assert.Contains("CreateWorkspace", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-0.1, double.NaN)]
    [InlineData(0.1, 1.5)]
    public void InvalidOptionsAreRejectedNamingTheSetting(double messageCost, double epsilon)
    {
        var options = new SlowPolicyOptions { MessageCost = messageCost, Epsilon = double.IsNaN(epsilon) ? 0.1 : epsilon };

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new SlowPolicy(ActionGrid.Default, new ParametricRewardModel(), options));

        Assert.Equal(messageCost < 0 ? nameof(SlowPolicyOptions.MessageCost) : nameof(SlowPolicyOptions.Epsilon), error.ParamName);
    }

    [Theory]
    [InlineData(nameof(SlowPolicyOptions.LocalPushRadius), "radius of push")]
    [InlineData(nameof(SlowPolicyOptions.LocalEmailRadius), "radius of email")]
    [InlineData(nameof(SlowPolicyOptions.UniformExplorationMaxPush), "most pushes")]
    [InlineData(nameof(SlowPolicyOptions.UniformExplorationMaxEmail), "most emails")]
    public void AnExplorationBoundOutOfRangeIsRefusedByName(string option, string message)
    {
        var options = new SlowPolicyOptions();
        typeof(SlowPolicyOptions).GetProperty(option)!.SetValue(options, -1);

        var refused = Assert.Throws<ArgumentOutOfRangeException>(options.Validate);

        Assert.Equal(option, refused.ParamName);
        Assert.Contains(message, refused.Message, StringComparison.Ordinal);
    }

    // The default grid and prior under local exploration with the default radii and uniform box.
    private static SlowPolicy LocalPolicy(double epsilon, double uniformShare) => new(ActionGrid.Default, new ParametricRewardModel(), new SlowPolicyOptions
    {
        Exploration = ExplorationMode.LocalEpsilonGreedy,
        Epsilon = epsilon,
        UniformExplorationShare = uniformShare,
    });
}
