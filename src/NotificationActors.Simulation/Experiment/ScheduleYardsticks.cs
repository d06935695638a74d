using NotificationActors.Simulation.Population;

namespace NotificationActors.Simulation.Experiment;

/// <summary>
/// What fixed schedules kept all run did on the run's own members (<see cref="ExperimentOptions.Schedules"/>): each
/// schedule's engaged days, the best single schedule for everyone, the best schedule per true cohort (each cohort on
/// its own best), and the hierarchical arm against both, seed by seed (every arm runs each seed's members, so the
/// differences are paired), overall, per cohort and per week. Unlike the one-week yardsticks of
/// <see cref="GridReferences"/>, a schedule carries its fatigue and its opt-outs from week to week.
/// The best schedules are chosen on the same runs they are measured on, so the largest of many noisy means is
/// favoured a little: the yardsticks lean against the arm, not for it.
/// </summary>
public sealed class ScheduleYardsticks
{
    private static readonly Cohort[] Cohorts = Enum.GetValues<Cohort>();

    private ScheduleYardsticks(IReadOnlyList<ExperimentRun> runs, ExperimentOptions options, int arm)
    {
        var first = ExperimentOptions.ArmNames.Count;
        var schedules = options.Schedules;
        Schedules = [.. schedules.Select((s, i) => new ScheduleResult(s,
            runs.Average(r => ArmMetrics.From(r.Tally, first + i).Engagement),
            runs.Average(r => ArmMetrics.From(r.Tally, first + i).OptOutRate),
            Cohorts.ToDictionary(CohortNames.Key, c => runs.Average(r => ArmMetrics.From(r.Tally, first + i, c).Engagement))))];
        var best = Enumerable.Range(0, schedules.Count).MaxBy(i => Schedules[i].Engagement);
        var bestByCohort = Cohorts.ToDictionary(c => c, c => Enumerable.Range(0, schedules.Count).MaxBy(i => Schedules[i].Cohorts[c.Key()]));
        BestForEveryone = Schedules[best];
        BestByCohort = Cohorts.ToDictionary(CohortNames.Key, c => Schedules[bestByCohort[c]]);

        // Engaged days per member-week of a run and week, each cohort's members on the schedule given for it.
        double Combined(ExperimentRun run, Func<Cohort, int> armOf, int? week = null) =>
            Cohorts.Sum(c => (double)run.Tally.Sum(armOf(c), ExperimentTally.Count.EngagedDays, c, week))
            / Math.Max(1, Cohorts.Sum(c => run.Tally.Sum(armOf(c), ExperimentTally.Count.MemberWeeks, c, week)));

        PerCohortEngagement = runs.Average(r => Combined(r, c => first + bestByCohort[c]));
        PerCohortOptOutRate = runs.Average(r => Cohorts.Sum(c => (double)r.Tally.Sum(first + bestByCohort[c], ExperimentTally.Count.OptOutMembers, c))
            / Math.Max(1, Cohorts.Sum(c => r.Tally.Members(first + bestByCohort[c], c))));
        AgainstBest = Compare(runs, (r, week) => Combined(r, _ => arm, week) - Combined(r, _ => first + best, week),
            (r, c) => ArmMetrics.From(r.Tally, arm, c).Engagement - ArmMetrics.From(r.Tally, first + best, c).Engagement);
        AgainstPerCohort = Compare(runs, (r, week) => Combined(r, _ => arm, week) - Combined(r, c => first + bestByCohort[c], week),
            (r, c) => ArmMetrics.From(r.Tally, arm, c).Engagement - ArmMetrics.From(r.Tally, first + bestByCohort[c], c).Engagement);
    }

    /// <summary>Every schedule run, in the options' order.</summary>
    public IReadOnlyList<ScheduleResult> Schedules { get; }

    /// <summary>The schedule with the most engaged days per member-week over all members (means over seeds).</summary>
    public ScheduleResult BestForEveryone { get; }

    /// <summary>Each true cohort's schedule with the most engaged days per member-week of that cohort.</summary>
    public IReadOnlyDictionary<string, ScheduleResult> BestByCohort { get; }

    /// <summary>Engaged days per member-week with each cohort on its own best schedule (mean over seeds).</summary>
    public double PerCohortEngagement { get; }

    /// <summary>Members who opted out of a channel with each cohort on its own best schedule (mean over seeds).</summary>
    public double PerCohortOptOutRate { get; }

    /// <summary>The hierarchical arm's engaged days per member-week less the best single schedule's.</summary>
    public ScheduleComparison AgainstBest { get; }

    /// <summary>The hierarchical arm's engaged days per member-week less those of each cohort's best schedule.</summary>
    public ScheduleComparison AgainstPerCohort { get; }

    /// <summary>The yardsticks of <paramref name="runs"/>; null when <paramref name="options"/> ran no schedules.</summary>
    public static ScheduleYardsticks? Of(IReadOnlyList<ExperimentRun> runs, ExperimentOptions options)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Schedules.Count == 0 || runs.Count == 0) return null;
        return new ScheduleYardsticks(runs, options, ExperimentOptions.ArmNames.ToList().IndexOf(PolicyExperiment.Hierarchical));
    }

    private static ScheduleComparison Compare(IReadOnlyList<ExperimentRun> runs, Func<ExperimentRun, int?, double> difference, Func<ExperimentRun, Cohort, double> cohortDifference)
    {
        static PairedDifference Of(double[] values) => new(values.Average(), ExperimentSummary.Ci(values));
        return new ScheduleComparison(
            Of([.. runs.Select(r => difference(r, null))]),
            Cohorts.ToDictionary(CohortNames.Key, c => Of([.. runs.Select(r => cohortDifference(r, c))])),
            [.. Enumerable.Range(0, runs[0].Tally.Weeks).Select(w => Of([.. runs.Select(r => difference(r, w))]))]);
    }
}

/// <summary>One schedule's results, means over seeds.</summary>
/// <param name="Schedule">The schedule.</param>
/// <param name="Engagement">Engaged days per member-week.</param>
/// <param name="OptOutRate">Members who opted out of a channel.</param>
/// <param name="Cohorts">Engaged days per member-week of each true cohort.</param>
public sealed record ScheduleResult(FixedSchedule Schedule, double Engagement, double OptOutRate, IReadOnlyDictionary<string, double> Cohorts);

/// <summary>The hierarchical arm less a schedule yardstick, in engaged days per member-week: overall, per cohort and per week.</summary>
public sealed record ScheduleComparison(PairedDifference Overall, IReadOnlyDictionary<string, PairedDifference> Cohorts, IReadOnlyList<PairedDifference> Weeks)
{
    /// <summary>The first week (from 1) from which the mean difference stays above zero to the run's end; null if the last week's is not.</summary>
    public int? AheadFromWeek => Weeks.Count == 0 || Weeks[^1].Mean <= 0 ? null : Weeks.Count - Weeks.Reverse().TakeWhile(w => w.Mean > 0).Count() + 1;
}

/// <summary>A paired difference over seeds: its mean and 95% interval (null from one seed).</summary>
public sealed record PairedDifference(double Mean, double[]? Ci);
