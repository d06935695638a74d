using NotificationActors.Simulation.Experiment;
using NotificationActors.Simulation.Population;
using Xunit.Abstractions;

namespace NotificationActors.Simulation.Tests.Experiment;

/// <summary>The experiment through the real member grains on a three-silo test cluster, small enough for the suite.</summary>
public sealed class PolicyExperimentTests(ITestOutputHelper output)
{
    private static ExperimentOptions Small(int seed = 1, int concurrency = ExperimentOptions.DefaultConcurrency) => new()
    {
        Members = 240,
        Weeks = 2,
        ExplorationWeeks = 1,
        Seed = seed,
        Concurrency = concurrency,
    };

    private static IEnumerable<long> Counts(ExperimentTally tally) =>
        from arm in Enumerable.Range(0, tally.Arms.Count)
        from count in Enum.GetValues<ExperimentTally.Count>().Where(c => c != ExperimentTally.Count.Length)
        from cohort in Enum.GetValues<Cohort>()
        from week in Enumerable.Range(0, tally.Weeks)
        select tally.Sum(arm, count, cohort, week);

    [Fact]
    public async Task ASeedGivesTheSameRunWhateverTheInterleavingOfMembers()
    {
        var first = await PolicyExperiment.RunAsync(Small(concurrency: 64));
        var again = await PolicyExperiment.RunAsync(Small(concurrency: 7));

        Assert.Equal(Counts(first.Tally), Counts(again.Tally));
        Assert.Equal(first.BaselineThreshold, again.BaselineThreshold);
        Assert.NotEqual(Counts(first.Tally), Counts((await PolicyExperiment.RunAsync(Small(seed: 2))).Tally));
    }

    [Fact]
    public async Task EveryArmRunsTheSameMembersAndTheOraclesPlansLeaveTheLeastRegret()
    {
        var run = await PolicyExperiment.RunAsync(Small(seed: 3));
        var tally = run.Tally;
        var arms = Enumerable.Range(0, tally.Arms.Count).ToArray();
        output.WriteLine(string.Join(Environment.NewLine, arms.Select(a => $"{tally.Arms[a]}: {ArmMetrics.From(tally, a)}")));

        // A paired design: each arm holds a copy of every hidden member, so the cohorts match arm for arm.
        foreach (var cohort in Enum.GetValues<Cohort>())
        {
            Assert.Single(arms.Select(a => tally.Members(a, cohort)).Distinct());
        }

        Assert.All(arms, a => Assert.Equal(60, tally.Members(a)));
        Assert.All(arms, a => Assert.Equal(60 * 2, tally.Sum(a, ExperimentTally.Count.MemberWeeks)));
        var regret = arms.ToDictionary(a => tally.Arms[a], a => ArmMetrics.From(tally, a).Regret);
        Assert.Equal("oracle", regret.MinBy(r => r.Value).Key);
        Assert.True(regret["oracle"] < 0.05, $"the oracle arm's own plans fell {regret["oracle"]:F3} days short of the truth's best");

        // The fixed arm sends its plan and the baseline, calibrated to the same volume, about as much.
        var fixedSends = ArmMetrics.From(tally, 0).SendsPerMemberWeek;
        var baselineSends = ArmMetrics.From(tally, 1).SendsPerMemberWeek;
        Assert.InRange(fixedSends, 2.5, 4.0);
        Assert.InRange(baselineSends / fixedSends, 0.6, 1.6);
    }
}
