using NotificationActors.Learning.Artefacts;
using NotificationActors.Learning.Models;
using NotificationActors.Learning.Tests.Support;
using NotificationActors.Learning.Training;
using NotificationActors.Policy.Actions;
using NotificationActors.Policy.Slow;
using NotificationActors.Simulation.Learning;
using Xunit.Abstractions;

namespace NotificationActors.Learning.Tests.Training;

/// <summary>
/// What in-app messages are worth, learned from weeks whose in-app cap was drawn at random: in a world where they win
/// back idle members' days and in one where they nag, the learned caps come close to the truth's best and beat the
/// slow policy's assumed in-app curve, which is the same in both.
/// </summary>
public sealed class InAppLearningTests(ITestOutputHelper output)
{
    private static readonly ActionGrid Grid = SyntheticWorld.Grid;

    private static readonly MemberFeatures[] Unseen = SyntheticWorld.Members(300, seed: 99);

    // The synthetic world's in-app messages lead nobody to opt out, so the truth's in-app utility is the lift less the
    // message cost, and the caps are set on those terms alone.
    private static readonly SlowPolicyOptions Options = new() { Exploration = ExplorationMode.Greedy, InApp = new InAppOptions { FatigueWeight = 0 } };

    [Theory]
    [InlineData(1.5, 0.03, 0.9)]
    [InlineData(0.2, 0.05, 0)] // in-app messages nag: the best is almost always none, so there is nothing to capture
    public async Task CapsFromTheLearnedInAppCurveComeCloseToTheTruthsBestAndBeatTheAssumedCurve(double lift, double nuisance, double shareCaptured)
    {
        var truth = new SyntheticWorld.InAppTruth(lift, nuisance);
        var learned = new SlowPolicy(Grid, await TrainAsync(truth), Options);
        var assumed = new SlowPolicy(Grid, new ParametricRewardModel(), Options);

        var (learnedRegret, learnedGain, achievable) = Judge(learned, truth);
        var (assumedRegret, _, _) = Judge(assumed, truth);

        output.WriteLine($"lift {lift}, nuisance {nuisance}: learned caps lose {learnedRegret:F4} engaged days a member-week to the truth's best, "
            + $"the assumed curve's {assumedRegret:F4}; learned caps gain {learnedGain:F4} of an achievable {achievable:F4}");
        Assert.True(learnedRegret < assumedRegret / 2, $"learned caps lose {learnedRegret:F4} a member-week, the assumed curve's {assumedRegret:F4}");
        Assert.True(learnedRegret < 0.02, $"learned caps lose {learnedRegret:F4} engaged days a member-week");
        if (shareCaptured > 0)
        {
            Assert.True(learnedGain >= shareCaptured * achievable, $"learned caps gain {learnedGain:F4} of an achievable {achievable:F4}");
        }
    }

    [Theory]
    [InlineData(0, 0, false)]
    [InlineData(1.5, 0.03, true)]
    public async Task AVersionPlansWithItsInAppCurveOnlyWhenItPredictsHeldOutWeeksBetterThanTheFitWithout(double lift, double nuisance, bool learns)
    {
        var model = (LearnedRewardModel)await TrainAsync(new SyntheticWorld.InAppTruth(lift, nuisance));
        var gains = new double[2 * (InAppOptions.DefaultMaxPerWeek + 1)];

        Assert.Equal(learns, model.LearnedInApp);
        Assert.Equal(learns, model.InAppGains(Unseen[0], Grid[Grid.IndexOf(2, 1)], gains));
    }

    [Fact]
    public async Task AVersionTrainedBeforeInAppCapsWereLearnedLoadsAndLeavesItsCapsToTheInAppCurve()
    {
        var card = await TrainCardAsync(new SyntheticWorld.InAppTruth(1.5, 0.03));
        var older = card with
        {
            RewardBases = [.. card.RewardBases.Take(RewardBasis.InAppBasis)],
            Heads = card.Heads.ToDictionary(
                h => h.Key,
                h => h.Value.Weights.Count == RewardBasis.RewardLength ? h.Value with { Weights = [.. h.Value.Weights.Take(RewardBasis.PushEmailRewardLength)] } : h.Value),
        };

        var model = (LearnedRewardModel)ModelArtefacts.LoadRewardModel(older);
        var gains = new double[2 * (InAppOptions.DefaultMaxPerWeek + 1)];
        Assert.False(model.LearnedInApp);
        Assert.False(model.InAppGains(Unseen[0], Grid[Grid.IndexOf(2, 1)], gains));

        var unknown = card with { RewardBases = [.. card.RewardBases.Take(RewardBasis.InAppBasis), "log1pSms"] };
        var refused = Assert.Throws<InvalidDataException>(() => ModelArtefacts.LoadRewardModel(unknown));
        Assert.Contains("log1pSms", refused.Message, StringComparison.Ordinal);
    }

    // Per member of the unseen: what the policy's caps lose against the truth's best cap, what they gain over none, and
    // what the best gains over none (engaged days a member-week less the message cost).
    private static (double Regret, double Gain, double Achievable) Judge(SlowPolicy policy, SyntheticWorld.InAppTruth truth)
    {
        var workspace = policy.CreateWorkspace();
        double regret = 0, gain = 0, achievable = 0;
        foreach (var member in Unseen)
        {
            var action = policy.Grid[policy.Evaluate(member, ChannelSet.All, workspace)];
            var cap = policy.InAppCap(member, action, ChannelSet.All, workspace).Cap;
            var value = Enumerable.Range(0, SyntheticWorld.InAppTruth.MaxCap + 1).Select(i => truth.Engagement(member, i) - (Options.MessageCost * i)).ToArray();
            regret += (value.Max() - value[cap]) / Unseen.Length;
            gain += (value[cap] - value[0]) / Unseen.Length;
            achievable += (value.Max() - value[0]) / Unseen.Length;
        }

        return (regret, gain, achievable);
    }

    private static async Task<IRewardModel> TrainAsync(SyntheticWorld.InAppTruth truth) => ModelArtefacts.LoadRewardModel(await TrainCardAsync(truth));

    // The card of a version trained on the synthetic log with this in-app truth; its store is removed afterwards.
    private static async Task<ModelCard> TrainCardAsync(SyntheticWorld.InAppTruth truth)
    {
        var root = Directory.CreateTempSubdirectory("na-inapp-").FullName;
        try
        {
            var log = new ListLearningLog([.. SyntheticWorld.Log(members: 10_000, weeks: 6, exploration: 0.5, seed: 11, inApp: truth)]);
            return await ModelTraining.TrainAsync(log, null, null, new FolderModelStore(root), "in-app-1", new RewardTrainingOptions { Grid = Grid }, champion: new ParametricRewardModel());
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
