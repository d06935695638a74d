using NotificationActors.Learning.Serving;
using NotificationActors.Learning.Tests.Support;
using NotificationActors.Learning.Training;
using NotificationActors.Policy.Actions;
using NotificationActors.Policy.Slow;
using NotificationActors.Simulation.Learning;
using Xunit.Abstractions;

namespace NotificationActors.Learning.Tests.Training;

/// <summary>
/// What the loop puts on trial against what it would replace, judged by a truth the prior does not know: small synthetic
/// logs of several seeds, explored as the product explores, each training a version that plans as a challenger does
/// (within the trust region around the prior's plans, at its tuned message cost), against the prior's own plans.
/// </summary>
public sealed class LearnedAgainstPriorTests(ITestOutputHelper output)
{
    private static readonly ActionGrid Grid = SyntheticWorld.Grid;

    // What a trial judges: engaged days over the week and the next, less opt-outs at their prices; no message cost.
    private static readonly SlowPolicyOptions Truth = new() { MessageCost = 0 };

    [Fact]
    public async Task AVersionTrainedOnASmallLogPlansBetterThanThePriorByTheTruthOnEverySeed()
    {
        var unseen = SyntheticWorld.Members(300, seed: 99);
        var prior = new ParametricRewardModel();
        var priorPolicy = new SlowPolicy(Grid, prior, new SlowPolicyOptions { Exploration = ExplorationMode.Greedy });
        foreach (var seed in new[] { 1, 2, 3 })
        {
            var log = new ListLearningLog([.. SyntheticWorld.Log(members: 2_000, weeks: 4, exploration: 0.3, seed, uniformShare: 0.3)]);
            var set = await LearningSet.ReadAsync(log.ReadAsync(null, null));
            var trained = new RewardModelTrainer(new RewardTrainingOptions { Grid = Grid }).Train(set, $"seed-{seed}");
            var challenger = LearningLoop.Challenger(trained.Model, prior, new SlowPolicyOptions());
            var challengerPolicy = new SlowPolicy(Grid, challenger, new SlowPolicyOptions { Exploration = ExplorationMode.Greedy, MessageCost = LearningLoop.MessageCostOf(trained.Card) });

            var (learned, priors) = (TruthOfPlans(challengerPolicy, unseen), TruthOfPlans(priorPolicy, unseen));
            output.WriteLine($"seed {seed}: the version's plans {learned:F3} engaged days a member over the week and the next less opt-outs, the prior's {priors:F3}");
            Assert.True(learned > priors, $"seed {seed}: the version's plans are worth {learned:F3}, the prior's {priors:F3}");
        }
    }

    private static double TruthOfPlans(SlowPolicy policy, MemberFeatures[] members)
    {
        var workspace = policy.CreateWorkspace();
        return members.Average(m => SyntheticWorld.Utility(m, Grid.Actions[policy.Evaluate(m, ChannelSet.All, workspace)], Truth));
    }
}
