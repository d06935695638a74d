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

    private static IEnumerable<double> Regrets(ExperimentTally tally) =>
        from arm in Enumerable.Range(0, tally.Arms.Count)
        from cohort in Enum.GetValues<Cohort>()
        from week in Enumerable.Range(0, tally.Weeks)
        select tally.RegretSum(arm, cohort, week);

    [Fact]
    public async Task ASeedGivesTheSameRunWhateverTheInterleavingOfMembers()
    {
        var first = await PolicyExperiment.RunAsync(Small(concurrency: 64));
        var again = await PolicyExperiment.RunAsync(Small(concurrency: 7));

        Assert.Equal(Counts(first.Tally), Counts(again.Tally));
        Assert.Equal(Regrets(first.Tally), Regrets(again.Tally));
        Assert.Equal(first.BaselineThreshold, again.BaselineThreshold);
        Assert.NotEqual(Counts(first.Tally), Counts((await PolicyExperiment.RunAsync(Small(seed: 2))).Tally));
    }

    [Fact]
    public async Task TwoRankersCrossTheArmsAndEachLayersEffectIsReadWithTheOtherHeldFixed()
    {
        var options = Small(seed: 4);
        options.Rankers = [Grains.Experiments.RankerKind.Engagement, Grains.Experiments.RankerKind.Causal];

        var run = await PolicyExperiment.RunAsync(options);
        var summary = ExperimentSummary.Of([run], options);
        var cells = run.RankingLayer!.Cells;
        var effects = summary.LayerEffects!;

        Assert.Equal(ExperimentOptions.ArmNames.Count * 2, cells.Count);
        Assert.All(ExperimentOptions.ArmNames, arm =>
        {
            var (engagement, causal) = (run.RankingLayer.Cell(arm, "engagement"), run.RankingLayer.Cell(arm, "causal"));
            Assert.Equal(options.MembersPerArm, engagement.Members + causal.Members);
            Assert.InRange(causal.Members, options.MembersPerArm / 4, 3 * options.MembersPerArm / 4);
        });
        Assert.Equal(["fixed", "hierarchical", "oracle", "every pacing arm", "engagement", "causal", "both ranking arms"], effects.Select(e => e.HeldFixed));
        var (rankingOverall, pacingOverall) = (effects.Single(e => e.HeldFixed == "every pacing arm"), effects.Single(e => e.HeldFixed == "both ranking arms"));
        Assert.Equal(effects.Where(e => e.Layer == "ranking" && e != rankingOverall).Average(e => e.Engagement), rankingOverall.Engagement, 9);
        Assert.All(effects, e => Assert.InRange(e.Engagement, e.EngagementCi[0], e.EngagementCi[1]));
        Assert.All(effects.Where(e => e.Layer == "pacing" && e != pacingOverall), e => Assert.InRange(pacingOverall.Engagement, e.EngagementCi[0], e.EngagementCi[1]));
    }

    [Fact]
    public async Task TheThrowawayStoreGivesTheRunTheProductionStoreGives()
    {
        var inMemory = await PolicyExperiment.RunAsync(Small());
        var onSqlite = Small();
        onSqlite.Storage = ExperimentStorage.Sqlite;
        var onFile = await PolicyExperiment.RunAsync(onSqlite);

        Assert.Equal(Counts(inMemory.Tally), Counts(onFile.Tally));
        Assert.Equal(Regrets(inMemory.Tally), Regrets(onFile.Tally));
        Assert.Equal(inMemory.Models, onFile.Models);
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
        // Pushes and emails follow the oracle's plan almost exactly; in-app messages are paced by the grain over the sessions
        // it expects, so a week shows about what the cap lets through, not what the oracle expected of it.
        Assert.True(regret["oracle"] < 0.08, $"the oracle arm's own plans fell {regret["oracle"]:F3} days short of the truth's best");

        // The fixed arm sends its plan's pushes and emails, and the baseline, calibrated to that volume over every
        // channel's candidates, about as much in all.
        var fixedArm = ArmMetrics.From(tally, 0);
        var fixedSends = fixedArm.PushPerMemberWeek + fixedArm.EmailPerMemberWeek;
        var baselineSends = ArmMetrics.From(tally, 1).SendsPerMemberWeek;
        Assert.InRange(fixedSends, 2.5, 4.0);
        Assert.InRange(baselineSends / fixedSends, 0.6, 1.6);

        // Sends are counted per channel, and only members who turned a channel off count as opting out.
        Assert.All(arms, a => Assert.Equal(ArmMetrics.From(tally, a).SendsPerMemberWeek,
            ArmMetrics.From(tally, a).PushPerMemberWeek + ArmMetrics.From(tally, a).EmailPerMemberWeek + ArmMetrics.From(tally, a).InAppPerMemberWeek, 9));
        Assert.All(arms, a => Assert.True(tally.Sum(a, ExperimentTally.Count.OptOutMembers)
            <= tally.Sum(a, ExperimentTally.Count.PushOptOuts) + tally.Sum(a, ExperimentTally.Count.EmailOptOuts)));
    }

    [Fact]
    public async Task EachScheduleRunsAsAnArmOfItsOwnOnTheSameMembersAndSendsItsSchedule()
    {
        var options = Small(seed: 4);
        options.Schedules = [new FixedSchedule(0, 0, 0), new FixedSchedule(5, 2, 0)];

        var tally = (await PolicyExperiment.RunAsync(options)).Tally;

        Assert.Equal(["fixed", "baseline", "hierarchical", "oracle", "schedule 0+0+0", "schedule 5+2+0"], tally.Arms);
        foreach (var cohort in Enum.GetValues<Cohort>())
        {
            Assert.Single(Enumerable.Range(0, tally.Arms.Count).Select(a => tally.Members(a, cohort)).Distinct());
        }

        var (silent, busy) = (ArmMetrics.From(tally, 4), ArmMetrics.From(tally, 5));
        Assert.Equal(0, silent.SendsPerMemberWeek);
        Assert.Equal(0, busy.InAppPerMemberWeek);
        Assert.True(busy.PushPerMemberWeek > ArmMetrics.From(tally, 0).PushPerMemberWeek, $"5 pushes a week sent {busy.PushPerMemberWeek:F2}, no more than the fixed arm's 3");
        Assert.InRange(busy.EmailPerMemberWeek, 1.0, 2.0);
    }

    /// <summary>
    /// The issue's verdict on a small run: over five seeds (paired: every arm runs each seed's members) the hierarchical
    /// arm engages members more than the single-threshold baseline, with the 95% interval of the difference above
    /// zero, and loses no more of them to opt-outs. Six weeks of 800 members an arm are too few explored weeks to put a
    /// version on trial, so this is the prior's plans (priced by the loop's opt-out models and the arm's calibration)
    /// with the fast policy's relevance-weighted pacing. The gain is about 0.025 engaged days: at 400 members an arm its
    /// interval's half-width was as large, so the test stood on one seed's luck (0.003 above zero, then 0.002 below
    /// when the calibration began to follow the arm); at 800 the interval is [0.007, 0.037].
    /// </summary>
    [Fact]
    public async Task AcrossSeedsTheHierarchicalArmBeatsTheBaselineOnEngagementWithNoMoreOptOuts()
    {
        static ExperimentOptions Run(int seed) => new() { Members = 3_200, Weeks = 6, Seed = seed };

        // A seed's run is the same whatever else runs, so the seeds share the machine.
        var runs = await Task.WhenAll(Enumerable.Range(1, 5).Select(seed => PolicyExperiment.RunAsync(Run(seed))));

        var summary = ExperimentSummary.Of(runs, Run(1));
        var (gain, interval) = summary.Difference("hierarchical", "baseline", m => m.Engagement);
        var (hierarchical, baseline) = (summary.Arms["hierarchical"], summary.Arms["baseline"]);
        output.WriteLine($"engagement: hierarchical {hierarchical.Engagement:F3}, baseline {baseline.Engagement:F3}, difference {gain:F3} [{interval![0]:F3}, {interval[1]:F3}]");
        output.WriteLine($"opt-out rate: hierarchical {hierarchical.OptOutRate:F4}, baseline {baseline.OptOutRate:F4}");

        Assert.True(interval[0] > 0, $"hierarchical minus baseline engagement {gain:F3} [{interval[0]:F3}, {interval[1]:F3}] is not above zero");
        Assert.True(hierarchical.OptOutRate <= baseline.OptOutRate, $"hierarchical opt-out rate {hierarchical.OptOutRate:F4} exceeds the baseline's {baseline.OptOutRate:F4}");
    }
}
