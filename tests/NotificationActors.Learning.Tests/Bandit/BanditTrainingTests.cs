using NotificationActors.Abstractions.Members;
using NotificationActors.Learning.Artefacts;
using NotificationActors.Learning.Tests.Training;
using NotificationActors.Policy.Actions;
using NotificationActors.Policy.Fast;
using NotificationActors.Policy.Pacing;
using NotificationActors.Simulation.Learning;
using Xunit.Abstractions;

namespace NotificationActors.Learning.Tests.Bandit;

/// <summary>The fast policy's ranker, trained with the reward models on the synthetic log, against the world's true chance of engagement.</summary>
public sealed class BanditTrainingTests(RewardModelTrainingTests.TrainedOnSyntheticLog trained, ITestOutputHelper output)
    : IClassFixture<RewardModelTrainingTests.TrainedOnSyntheticLog>
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);

    private LinUcbScorer Scorer => (LinUcbScorer)ModelArtefacts.LoadScorer(trained.Folder)!;

    [Fact]
    public void ThePredictedChanceOfEngagementIsWithinThreePointsOfTheTruthEverywhere()
    {
        var worst = 0.0;
        foreach (var category in SyntheticWorld.Categories)
        {
            foreach (var channel in new[] { MessageChannel.Push, MessageChannel.Email })
            {
                foreach (var relevance in new[] { 0.1, 0.5, 0.9 })
                {
                    foreach (var restHours in new double?[] { null, 2, 24, 96 })
                    {
                        var rest = restHours is { } h ? TimeSpan.FromHours(h) : (TimeSpan?)null;
                        var predicted = Scorer.PredictEngagement(Member(category, rest), Candidate(category, channel, relevance), OpportunityKind.Daily, Now);
                        worst = Math.Max(worst, Math.Abs(predicted - SyntheticWorld.SendEngagement(relevance, channel, category, rest)));
                    }
                }
            }
        }

        var metrics = trained.Card.Bandit!.Metrics;
        output.WriteLine($"worst error {worst:F3}; trained on {trained.Card.Bandit.TrainSends:N0} sends; calibration error {metrics["calibrationError"]:F4}; recovering weight {metrics["recoveringWeight"]:F3}");
        Assert.True(worst < 0.03, $"the ranker is off by {worst:F3} somewhere");
        Assert.True(metrics["calibrationError"] < 0.01, $"calibration error {metrics["calibrationError"]:F4}");
    }

    [Fact]
    public void ACategoryJustSentScoresLowerAndRecoversWithRest()
    {
        var candidate = Candidate("new-release", MessageChannel.Push, 0.5);
        var scores = new[] { 1.0, 12, 48, 240 }.Select(h => Scorer.PredictEngagement(Member("new-release", TimeSpan.FromHours(h)), candidate, OpportunityKind.Daily, Now)).ToArray();

        Assert.True(scores.Zip(scores.Skip(1)).All(p => p.First < p.Second), $"scores by rest: {string.Join(", ", scores.Select(s => s.ToString("F3", System.Globalization.CultureInfo.InvariantCulture)))}");
        Assert.InRange(trained.Card.Bandit!.Metrics["recoveringWeight"], 0.08, 0.16);
    }

    [Fact]
    public void TheExplorationBonusRaisesEveryScoreAboveItsMean()
    {
        var member = Member("promotion", null);
        var candidate = Candidate("promotion", MessageChannel.Email, 0.3);

        Assert.True(Scorer.Score(member, candidate, OpportunityKind.Launch, Now) > Scorer.PredictEngagement(member, candidate, OpportunityKind.Launch, Now));
    }

    private static MemberContext Member(string category, TimeSpan? rest) => new()
    {
        LastSentByCategory = rest is { } r ? new Dictionary<string, DateTimeOffset> { [category] = Now - r } : new Dictionary<string, DateTimeOffset>(),
    };

    private static Candidate Candidate(string category, MessageChannel channel, double relevance) =>
        new("m", (Channel)channel, category, null, relevance, MessagePriority.Normal, DateTimeOffset.MaxValue);
}
