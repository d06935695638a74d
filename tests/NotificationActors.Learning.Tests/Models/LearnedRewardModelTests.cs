using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NotificationActors.Learning.Models;
using NotificationActors.Learning.Training;
using NotificationActors.Policy.Actions;
using NotificationActors.Policy.Slow;

namespace NotificationActors.Learning.Tests.Models;

/// <summary>The serving path's precomputation is exact: it equals the weights times the crossed features ML.NET saw.</summary>
public sealed class LearnedRewardModelTests
{
    private static readonly ActionGrid Grid = ActionGrid.Default;

    private static LinearHead RandomHead(Random random, int length, bool probability) => new(
        [.. Enumerable.Range(0, length).Select(_ => (float)((random.NextDouble() * 2) - 1))],
        (random.NextDouble() * 2) - 1,
        probability ? -1 - random.NextDouble() : 0,
        probability ? random.NextDouble() - 0.5 : 0);

    private static MemberFeatures RandomMember(Random random) => new()
    {
        EngagedDaysPerWeek = 7 * random.NextDouble(),
        TenureWeeks = 300 * random.NextDouble(),
        PushOpenRate = random.NextDouble(),
        EmailOpenRate = random.NextDouble(),
        DismissRate = random.NextDouble(),
        RecentPushPerWeek = 10 * random.NextDouble(),
        RecentEmailPerWeek = 10 * random.NextDouble(),
    };

    private static double Dot(LinearHead head, float[] features)
    {
        var score = head.Bias;
        for (var i = 0; i < features.Length; i++)
        {
            score += head.Weights[i] * features[i];
        }

        return score;
    }

    [Property(MaxTest = 50)]
    public Property PredictionsEqualTheDotProductOfWeightsAndCrossedFeatures() => Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
    {
        var random = new Random(seed);
        var heads = new[]
        {
            RandomHead(random, RewardBasis.RewardLength, false), RandomHead(random, RewardBasis.RewardLength, false),
            RandomHead(random, RewardBasis.OptOutLength, true), RandomHead(random, RewardBasis.OptOutLength, true),
        };
        var model = new LearnedRewardModel("random", heads[0], heads[1], heads[2], heads[3]);
        var member = RandomMember(random);
        var n = Grid.Count;
        var rewards = new double[2 * n];
        var optOut = new double[2 * n];
        model.Predict(member, Grid, rewards, optOut);

        for (var a = 0; a < n; a++)
        {
            var action = Grid.Actions[a];
            var crossed = RewardModelTrainer.RewardFeatures(new LearningRow { Features = member, Push = action.Push, Email = action.Email });
            Assert.Equal(Dot(heads[0], crossed), rewards[a], 1e-4);
            Assert.Equal(Dot(heads[1], crossed), rewards[n + a], 1e-4);
            Assert.Equal(heads[2].Probability(Dot(heads[2], RewardModelTrainer.OptOutFeatures(member, action.Push))), optOut[a], 1e-6);
            Assert.Equal(heads[3].Probability(Dot(heads[3], RewardModelTrainer.OptOutFeatures(member, action.Email))), optOut[n + a], 1e-6);
        }
    });

    [Fact]
    public void HeadsOfTheWrongLengthAreRefused()
    {
        var random = new Random(1);
        var reward = RandomHead(random, RewardBasis.RewardLength, false);
        var optOut = RandomHead(random, RewardBasis.OptOutLength, true);

        Assert.Throws<ArgumentException>(() => new LearnedRewardModel("v", reward, reward, reward, optOut));
    }
}
