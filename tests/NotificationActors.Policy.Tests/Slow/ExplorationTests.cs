using NotificationActors.Policy.Actions;
using NotificationActors.Policy.Slow;
using NotificationActors.Policy.Tests.Support;

namespace NotificationActors.Policy.Tests.Slow;

public class ExplorationTests
{
    private const int Draws = 40_000;

    [Theory]
    [InlineData(ExplorationMode.EpsilonGreedy, 0, 2)]
    [InlineData(ExplorationMode.Softmax, 0, 2)]
    [InlineData(ExplorationMode.LocalEpsilonGreedy, 0, 2)]
    [InlineData(ExplorationMode.LocalEpsilonGreedy, 0.4, 1)]
    public void LoggedPropensitiesMatchTheFrequencyOfEachChoice(ExplorationMode mode, double uniformShare, int radius)
    {
        var policy = new SlowPolicy(ActionGrid.Uniform(3, 2), new ParametricRewardModel(), new SlowPolicyOptions
        {
            Exploration = mode,
            Epsilon = 0.3,
            Temperature = 0.05,
            UniformExplorationShare = uniformShare,
            LocalRadius = radius,
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
    public void LocalExplorationStaysWithinItsRadiusOfTheArgmaxAndReachesEveryActionThere()
    {
        var policy = new SlowPolicy(ActionGrid.Default, new ParametricRewardModel(), new SlowPolicyOptions
        {
            Exploration = ExplorationMode.LocalEpsilonGreedy,
            Epsilon = 1,
            LocalRadius = 2,
        });
        var workspace = policy.CreateWorkspace();
        var member = Members.Random(3);
        var greedy = policy.Grid[policy.Evaluate(member, ChannelSet.All, workspace)];
        var pushLevels = policy.Grid.PushLevels.ToArray();
        var emailLevels = policy.Grid.EmailLevels.ToArray();
        var random = new Random(5);

        var drawn = Enumerable.Range(0, 5_000).Select(_ => policy.Plan(member, ChannelSet.All, workspace, random).Action).ToHashSet();

        var expected = policy.Grid.Actions.ToArray().Where(a =>
            Math.Abs(Array.IndexOf(pushLevels, a.Push) - Array.IndexOf(pushLevels, greedy.Push)) <= 2
            && Math.Abs(Array.IndexOf(emailLevels, a.Email) - Array.IndexOf(emailLevels, greedy.Email)) <= 2).ToHashSet();
        Assert.Equal(expected, drawn);
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
}
