using NotificationActors.Policy.Actions;
using NotificationActors.Policy.Fast;
using NotificationActors.Policy.Pacing;

namespace NotificationActors.Policy.Tests.Fast;

public sealed class LinUcbScorerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    private static LinUcbScorer Scorer(double seenSends)
    {
        var d = BanditFeatures.Length;
        var theta = new double[d];
        theta[0] = 0.1;
        theta[1] = 0.3;
        var inverse = new double[d * d];
        for (var i = 0; i < d; i++) inverse[(i * d) + i] = 1 / (1 + seenSends);
        return new LinUcbScorer(theta, inverse, alpha: 0.5);
    }

    private static readonly Candidate Message = new("m", Channel.Push, "new-release", null, 0.5, MessagePriority.Normal, DateTimeOffset.MaxValue);

    [Fact]
    public void TheExplorationBonusShrinksAsTheLogsSeeMore()
    {
        var member = new MemberContext();
        var bonuses = new[] { 0.0, 10, 1_000 }.Select(n => Scorer(n)).Select(s => s.Score(member, Message, OpportunityKind.Daily, Now) - s.PredictEngagement(member, Message, OpportunityKind.Daily, Now)).ToArray();

        Assert.True(bonuses[0] > bonuses[1] && bonuses[1] > bonuses[2] && bonuses[2] > 0, string.Join(", ", bonuses));
        Assert.Equal(0.25, Scorer(0).PredictEngagement(member, Message, OpportunityKind.Daily, Now), 9);
    }

    [Fact]
    public void RecoveringRisesWithRestFromZeroTowardsOne()
    {
        var values = new[] { 0.0, 1, 24, 72, 720 }.Select(h => BanditFeatures.Recovering(TimeSpan.FromHours(h))).ToArray();

        Assert.Equal(0, values[0]);
        Assert.True(values.Zip(values.Skip(1)).All(p => p.First < p.Second));
        Assert.Equal(1, BanditFeatures.Recovering(null));
        Assert.Equal(1 - Math.Exp(-1), values[3], 9);
    }

    [Fact]
    public void WeightsOfTheWrongShapeAreRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => new LinUcbScorer([1, 2], [1], 0.5));

        Assert.Contains($"needs {BanditFeatures.Length} weights", error.Message, StringComparison.Ordinal);
    }
}
