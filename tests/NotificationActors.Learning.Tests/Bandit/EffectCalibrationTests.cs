using NotificationActors.Learning.Bandit;
using NotificationActors.Learning.Tests.Training;
using NotificationActors.Policy.Actions;
using NotificationActors.Policy.Fast;
using NotificationActors.Policy.Pacing;

namespace NotificationActors.Learning.Tests.Bandit;

public sealed class EffectCalibrationTests(RewardModelTrainingTests.TrainedOnSyntheticLog trained) : IClassFixture<RewardModelTrainingTests.TrainedOnSyntheticLog>
{
    private static IEnumerable<(HeldOutSend, double)> Sends(string category, int count, double predicted, double observedShare, double propensity = 1) =>
        Enumerable.Range(0, count).Select(i => (new HeldOutSend([], i < count * observedShare, category, Channel.Push, propensity), predicted));

    [Fact]
    public void ARankerTrainedOnTheWorldItServesNeedsLittleCorrectionInAnyCell()
    {
        var cells = trained.Card.Bandit!.Calibration;

        Assert.Equal(8, cells.Count);
        Assert.All(cells, c => Assert.InRange(c.Factor, 0.9, 1.1));
        Assert.All(cells, c => Assert.InRange(c.Predicted, c.ObservedLower - 0.01, c.ObservedUpper + 0.01));
    }

    [Fact]
    public void AWellExploredCellIsCorrectedAndAnUnderExploredOneIsShrunkTowardsThePrediction()
    {
        var cells = EffectCalibration.Cells(Sends("well-explored", 1_000, predicted: 0.1, observedShare: 0.2).Concat(Sends("rare", 10, predicted: 0.1, observedShare: 0.3)))
            .ToDictionary(c => c.Category);

        Assert.Equal(((1_000 * 0.2) + (EffectCalibration.PriorSends * 0.1)) / (1_000 + EffectCalibration.PriorSends) / 0.1, cells["well-explored"].Factor, 9);
        Assert.Equal(0.3, cells["rare"].Observed, 9);
        Assert.InRange(cells["rare"].Factor, 1, 1.4);
    }

    [Fact]
    public void SendsAreWeightedByTheirInversePropensity()
    {
        // Ten rarely chosen sends (propensity 0.1) all engaged; ninety routine ones (propensity 1) never did.
        var sends = Sends("mixed", 10, predicted: 0.5, observedShare: 1, propensity: 0.1).Concat(Sends("mixed", 90, predicted: 0.5, observedShare: 0));

        var cell = Assert.Single(EffectCalibration.Cells(sends));

        Assert.Equal(100.0 / 190, cell.Observed, 9);
        Assert.True(cell.EffectiveSends < 100);
    }

    [Fact]
    public void ServingMultipliesTheCellsPredictionByItsFactor()
    {
        var d = BanditFeatures.Length;
        var theta = new double[d];
        theta[0] = 0.2;
        var inverse = new double[d * d];
        var plain = new LinUcbScorer(theta, inverse, alpha: 0);
        var calibrated = new LinUcbScorer(theta, inverse, alpha: 0, [("promotion", Channel.Push, 0.5)]);
        var member = new MemberContext();
        var now = DateTimeOffset.UnixEpoch;

        double Score(LinUcbScorer s, string category, Channel channel) =>
            s.Score(member, new Candidate("m", channel, category, null, 0.5, MessagePriority.Normal, DateTimeOffset.MaxValue), OpportunityKind.Daily, now);

        Assert.Equal(0.1, Score(calibrated, "promotion", Channel.Push), 9);
        Assert.Equal(0.2, Score(calibrated, "promotion", Channel.Email), 9);
        Assert.Equal(Score(plain, "new-release", Channel.Push), Score(calibrated, "new-release", Channel.Push), 9);
    }
}
