using NotificationActors.Grains.Members;
using NotificationActors.Policy.Pacing;

namespace NotificationActors.Grains.Tests;

public sealed class RelevanceYardstickTests
{
    [Fact]
    public void TheMeanFollowsTheBestScoresToTheFourthPowerPerChannel()
    {
        var learned = new LearnedFeatures();

        RelevanceYardstick.Learn(learned, "relevance", pushBest: 0.8, emailBest: double.NaN, inAppBest: double.NaN);
        RelevanceYardstick.Learn(learned, "relevance", pushBest: 0.4, emailBest: 0.5, inAppBest: 0.9);

        Assert.Equal(4, PacingGate.RelevanceExponent);
        var expectedPush = 0.4096 + (RelevanceYardstick.LearningRate * (0.0256 - 0.4096));
        Assert.Equal(expectedPush, RelevanceYardstick.Scale(learned, "relevance", 0), 12);
        Assert.Equal(0.0625, RelevanceYardstick.Scale(learned, "relevance", 1), 12);
        Assert.Equal(0.6561, RelevanceYardstick.Scale(learned, "relevance", 2), 12);
    }

    [Fact]
    public void AMeanStoredBeforeInAppWasPacedGainsAnInAppChannel()
    {
        var learned = new LearnedFeatures { RelevanceRanker = "relevance", RelevancePowers = [0.2, 0.3] };

        RelevanceYardstick.Learn(learned, "relevance", pushBest: double.NaN, emailBest: double.NaN, inAppBest: 0.5);

        Assert.Equal([0.2, 0.3, 0.0625], learned.RelevancePowers);
    }

    [Fact]
    public void ANewRankerStartsANewMeanInsteadOfJudgingItsScoresByTheOldOnes()
    {
        var learned = new LearnedFeatures();
        for (var i = 0; i < 50; i++) RelevanceYardstick.Learn(learned, "relevance", pushBest: 0.7, emailBest: 0.6, inAppBest: 0.5);

        // A bandit's open probabilities are an order of magnitude below raw relevance: under the old mean every
        // opportunity would weigh about 0.01 and the weekly budget would go unspent.
        var unknownUntilLearned = RelevanceYardstick.Scale(learned, "bandit-2", 0);
        RelevanceYardstick.Learn(learned, "bandit-2", pushBest: 0.05, emailBest: double.NaN, inAppBest: double.NaN);

        Assert.Equal(0, unknownUntilLearned);
        Assert.Equal(0.05 * 0.05 * 0.05 * 0.05, RelevanceYardstick.Scale(learned, "bandit-2", 0), 12);
        Assert.Equal(0, RelevanceYardstick.Scale(learned, "bandit-2", 1));
        Assert.Equal(0, RelevanceYardstick.Scale(learned, "relevance", 0));
    }
}
