using NotificationActors.Grains.Experiments;
using NotificationActors.Grains.Members;
using NotificationActors.Grains.Policies;
using NotificationActors.Policy.Fast;
using NotificationActors.Policy.Slow;

namespace NotificationActors.Grains.Tests;

public sealed class RankingLayerTests
{
    private static PolicyEngine Engine(ICandidateScorer? causal = null)
    {
        var engine = new PolicyEngine(new MemberGrainOptions
        {
            Arms = [new ArmOptions { Name = "hierarchical", Share = 0.5 }, new ArmOptions { Name = "fixed", Share = 0.5, Policy = ArmPolicy.Fixed }],
            Rankings = [new RankingArmOptions { Name = "engagement", Share = 0.5 }, new RankingArmOptions { Name = "causal", Share = 0.5, Ranker = RankerKind.Causal }],
        }, new ParametricRewardModel());
        if (causal is not null) engine.Serve(new ParametricRewardModel(), causal: causal);
        return engine;
    }

    [Fact]
    public void APacingArmAndARankingArmAreAssignedIndependently()
    {
        // Chi-square test of independence on the 2 x 2 table of pacing arm by ranking arm; 10.83 is its 0.1% critical value.
        var engine = Engine();
        var counts = new double[2, 2];
        for (var i = 0; i < 40_000; i++)
        {
            var id = $"member-{i}";
            counts[engine.Assign(id).Name == "fixed" ? 1 : 0, engine.AssignRanking(id).Name == "causal" ? 1 : 0]++;
        }

        var total = 40_000.0;
        var chiSquare = 0.0;
        for (var r = 0; r < 2; r++)
        {
            for (var c = 0; c < 2; c++)
            {
                var expected = (counts[r, 0] + counts[r, 1]) * (counts[0, c] + counts[1, c]) / total;
                chiSquare += Math.Pow(counts[r, c] - expected, 2) / expected;
            }
        }

        Assert.True(chiSquare < 10.83, $"chi-square {chiSquare:F2}: the layers' assignments are dependent");
        Assert.InRange((counts[0, 1] + counts[1, 1]) / total, 0.49, 0.51);
    }

    [Fact]
    public void TheCausalArmRanksByTheEngagementRankerUntilAVersionBringsACausalOne()
    {
        var before = Engine();
        var after = Engine(new ConstantScorer("causal-v1"));

        Assert.Equal(RelevanceScorer.RelevanceVersion, before.Fast("causal").Scorer.Version);
        Assert.Equal("causal-v1", after.Fast("causal").Scorer.Version);
        Assert.Equal(RelevanceScorer.RelevanceVersion, after.Fast("engagement").Scorer.Version);
    }

    [Fact]
    public void ARankerOnTrialDuelsTheCausalArmsRankerAndNoneOfTheEngagementArmsWhileTheChampionPaces()
    {
        var engine = Engine(new ConstantScorer("v1-causal"));
        engine.ChallengeRanker(new ConstantScorer("v2-causal"));

        Assert.Equal("v2-causal", engine.RankerChallenger("causal")?.Scorer.Version);
        Assert.Null(engine.RankerChallenger("engagement"));
        Assert.Equal("v1-causal", engine.Fast("causal").Scorer.Version);
        Assert.Equal(RelevanceScorer.RelevanceVersion, engine.Fast("causal").PacingScorer.Version);
        engine.ChallengeRanker(null);
        Assert.Null(engine.RankerChallenger("causal"));
        Assert.Equal("v1-causal", engine.Fast("causal").Scorer.Version);
    }

    [Theory]
    [InlineData(0.7, 0.7, "add up to 1.4")]
    [InlineData(-0.5, 1.5, "negative")]
    public void ARankingAllocationThatDoesNotAddUpIsRejected(double first, double second, string problem)
    {
        var options = new MemberGrainOptions
        {
            Rankings = [new RankingArmOptions { Name = "a", Share = first }, new RankingArmOptions { Name = "b", Share = second }],
        };

        Assert.Contains(problem, options.Problem(), StringComparison.Ordinal);
    }

    private sealed class ConstantScorer(string version) : ICandidateScorer
    {
        public string Version => version;

        public double Score(MemberContext member, in Candidate candidate, Policy.Pacing.OpportunityKind kind, DateTimeOffset now) => 0.1;
    }
}
