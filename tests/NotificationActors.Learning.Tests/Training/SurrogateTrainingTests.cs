using NotificationActors.Abstractions.Learning;
using NotificationActors.Learning.Tests.Support;
using NotificationActors.Learning.Training;
using NotificationActors.Policy.Actions;
using NotificationActors.Policy.Slow;
using NotificationActors.Simulation.Learning;
using Xunit.Abstractions;

namespace NotificationActors.Learning.Tests.Training;

/// <summary>
/// The week's opens and plays as the engaged-day heads' surrogate: fitted first on the explored weeks, then calibrated
/// to engaged days on the same weeks by one coefficient, which the card shows.
/// </summary>
public sealed class SurrogateTrainingTests(ITestOutputHelper output)
{
    private static readonly ActionGrid Grid = SyntheticWorld.Grid;

    /// <summary>
    /// Where a week's engaged days are its plays, a third of its opens and plays (half of opens lead to a play), the
    /// calibration is near a third and the served engagement curve is each member's expected plays at every action.
    /// </summary>
    [Fact]
    public async Task WhereEngagedDaysAreThePlaysTheCalibrationIsTheirShareAndTheCurveIsTheirs()
    {
        var records = SyntheticWorld.Log(members: 4_000, weeks: 4, exploration: 0.5, seed: 11).Select(Mediated);
        var set = await LearningSet.ReadAsync(new ListLearningLog([.. records]).ReadAsync(null, null));
        var options = new RewardTrainingOptions { Grid = Grid, Surrogates = true, MinOptOuts = 1 };

        var trained = new RewardModelTrainer(options).Train(set, "mediated");

        var engagement = trained.Card.Heads[RewardModelTrainer.EngagementHead];
        var calibration = engagement.Metrics["surrogate." + RewardModelTrainer.ResponsesHead];
        output.WriteLine($"calibration {calibration:F3}, pooling {engagement.Metrics["poolingPenalty"]}");
        Assert.InRange(calibration, 0.25, 0.42);
        Assert.True(trained.Card.Heads.ContainsKey(RewardModelTrainer.ResponsesHead));

        var n = Grid.Count;
        var rewards = new double[2 * n];
        var optOut = new double[2 * n];
        var random = new Random(99);
        var error = 0.0;
        for (var i = 0; i < 200; i++)
        {
            var member = SyntheticWorld.Member(random);
            trained.Model.Predict(member, Grid, rewards, optOut);
            foreach (var action in Grid.Actions)
            {
                error += Math.Abs(rewards[action.Index] - rewards[0] - ExpectedPlays(member, action)) / (200.0 * n);
            }
        }

        output.WriteLine($"served lift off by {error:F3} engaged days on average");
        Assert.True(error < 0.12, $"the served lift is {error:F3} engaged days off the expected plays");
    }

    [Fact]
    public async Task ByDefaultNeitherTheSurrogatesHeadNorItsCalibrationIsInTheCard()
    {
        var set = await LearningSet.ReadAsync(new ListLearningLog([.. SyntheticWorld.Log(members: 1_000, weeks: 4, exploration: 0.5, seed: 11)]).ReadAsync(null, null));

        var trained = new RewardModelTrainer(new RewardTrainingOptions { Grid = Grid, MinOptOuts = 1 }).Train(set, "plain");

        Assert.False(trained.Card.Heads.ContainsKey(RewardModelTrainer.ResponsesHead));
        Assert.DoesNotContain(trained.Card.Heads[RewardModelTrainer.EngagementHead].Metrics.Keys, k => k.StartsWith("surrogate.", StringComparison.Ordinal));
    }

    // The week's engaged days replaced by its plays, as if a play from a message were all that brought the member back.
    private static MemberWeekRecord Mediated(MemberWeekRecord record) => record with
    {
        EngagedDays = Math.Min(7, record.Outcomes["push.played"] + record.Outcomes["email.played"]),
    };

    private static double ExpectedPlays(in MemberFeatures member, PacingAction action) =>
        SyntheticWorld.PlayGivenOpen * ((action.Push * SyntheticWorld.PushOpenChance(member)) + (action.Email * SyntheticWorld.EmailOpenChance(member)));
}
