using NotificationActors.Learning.Tests.Support;
using NotificationActors.Learning.Tests.Training;
using NotificationActors.Learning.Training;
using NotificationActors.Learning.Tuning;
using NotificationActors.Policy.Actions;
using NotificationActors.Policy.Slow;
using NotificationActors.Simulation.Learning;
using Xunit.Abstractions;

namespace NotificationActors.Learning.Tests.Tuning;

/// <summary>A version's message cost, tuned on held-out weeks of the synthetic world's log.</summary>
public sealed class VersionCostTuningTests(RewardModelTrainingTests.TrainedOnSyntheticLog trained, ITestOutputHelper output)
    : IClassFixture<RewardModelTrainingTests.TrainedOnSyntheticLog>
{
    private static readonly ActionGrid Grid = SyntheticWorld.Grid;
    private static readonly double[] Costs = [0, 0.05, 0.1, 0.2, 0.3];

    [Fact]
    public async Task AVersionThatOvervaluesMessagesIsPricedAboveTheVersionItWasMadeFrom()
    {
        // Weeks followed by a logged week; a deterministic plan matches about one logged week in two hundred, the
        // matches being what corrects a version's valuation of its own plans.
        var set = await LearningSet.ReadAsync(new ListLearningLog([.. SyntheticWorld.Log(members: 40_000, weeks: 4, exploration: 0.5, seed: 9)]).ReadAsync(null, null));
        var rows = set.Rows.Where(r => r.NextWeekEngagedDays >= 0).ToArray();
        var overvaluing = new Overvaluing(trained.Model, perMessage: 0.3);

        var fair = VersionCostTuning.Tune(rows, trained.Model, Grid, new SlowPolicyOptions(), Costs, seed: 1);
        var tuned = VersionCostTuning.Tune(rows, overvaluing, Grid, new SlowPolicyOptions(), Costs, seed: 1);

        foreach (var (name, card) in new[] { ("fair", fair), ("overvaluing", tuned) })
        {
            foreach (var p in card.Points) output.WriteLine($"{name} cost {p.Cost}: {p.Utility:F3} [{p.Lower:F3}, {p.Upper:F3}], {p.MeanSends:F2} sends, {p.MatchedWeeks} matched");
            output.WriteLine(card.Reason);
        }

        Assert.True(tuned.Chosen > fair.Chosen, $"the overvaluing version is priced at {tuned.Chosen}, the fair one at {fair.Chosen}");
        Assert.Contains("overvalue", tuned.Reason, StringComparison.Ordinal);
        Assert.True(tuned.Points.First(p => p.Cost == tuned.Chosen).MeanSends < tuned.Points[0].MeanSends);
    }

    [Fact]
    public void WithNoHeldOutWeekTheLowestCostServesAndTheCardSaysWhy()
    {
        var card = VersionCostTuning.Tune([], trained.Model, Grid, new SlowPolicyOptions(), Costs, seed: 1);

        Assert.Equal(0, card.Chosen);
        Assert.Empty(card.Points);
        Assert.Contains("No held-out week", card.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void TheTrainedCardCarriesItsTunedCost()
    {
        var card = trained.Card.MessageCost!;

        Assert.Contains(card.Chosen, card.Points.Select(p => p.Cost));
        Assert.Equal(new RewardTrainingOptions().MessageCosts.Length, card.Points.Count);
        Assert.All(card.Points, p => Assert.True(p.Lower <= p.Utility && p.Utility <= p.Upper));
    }

    // A version whose engagement terms credit every message with days it does not earn.
    private sealed class Overvaluing(IRewardModel model, double perMessage) : IRewardModel
    {
        public string Version => model.Version + "-overvaluing";

        public IReadOnlyList<string> RewardNames => model.RewardNames;

        public void Predict(in MemberFeatures member, ActionGrid grid, Span<double> rewards, Span<double> optOutProbability)
        {
            model.Predict(member, grid, rewards, optOutProbability);
            var engagement = RewardNames.ToList().IndexOf("engagement");
            for (var a = 0; a < grid.Count; a++)
            {
                rewards[(engagement * grid.Count) + a] += perMessage * (grid.Actions[a].Push + grid.Actions[a].Email);
            }
        }
    }
}
