using System.Text.Json;
using System.Text.Json.Serialization;
using NotificationActors.Simulation.Population;

namespace NotificationActors.Simulation.Experiment;

/// <summary>
/// The runs of several seeds side by side: each arm's metrics as the mean over seeds with a 95% interval (Student's
/// t over the seeds' values; none from a single seed), overall, per cohort and per week. Serialises to summary.json.
/// </summary>
public sealed class ExperimentSummary
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    // Two-sided 97.5% quantiles of Student's t for 1 to 10 degrees of freedom; beyond, the normal's.
    private static readonly double[] StudentT = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228];

    private ExperimentSummary(IReadOnlyList<ExperimentRun> runs, ExperimentOptions options)
    {
        Runs = runs;
        Options = options;
        var tally = runs[0].Tally;
        // The schedules' arms follow the four; they are summarised as yardsticks, not as arms.
        Arms = tally.Arms.Take(ExperimentOptions.ArmNames.Count).Select((name, arm) => new KeyValuePair<string, ArmSummary>(name, new ArmSummary
        {
            Overall = Interval(runs.Select(r => ArmMetrics.From(r.Tally, arm)).ToArray()),
            Cohorts = Enum.GetValues<Cohort>().ToDictionary(c => c.Key(), c => Interval(runs.Select(r => ArmMetrics.From(r.Tally, arm, c)).ToArray())),
            Weeks = Enumerable.Range(0, tally.Weeks).Select(w => Interval(runs.Select(r => ArmMetrics.From(r.Tally, arm, week: w)).ToArray())).ToArray(),
            Members = tally.Members(arm),
        })).ToDictionary();
        ScheduleYardsticks = ScheduleYardsticks.Of(runs, options);
    }

    /// <summary>The runs, one per seed.</summary>
    [JsonIgnore]
    public IReadOnlyList<ExperimentRun> Runs { get; }

    /// <summary>What was run.</summary>
    [JsonIgnore]
    public ExperimentOptions Options { get; }

    /// <summary>Per arm, in report order.</summary>
    public IReadOnlyDictionary<string, ArmSummary> Arms { get; }

    /// <summary>The seeds run.</summary>
    public IReadOnlyList<int> Seeds => Runs.Select(r => r.Seed).ToArray();

    /// <summary>Hidden members per arm.</summary>
    public int MembersPerArm => Options.MembersPerArm;

    /// <summary>Weeks per run.</summary>
    public int WeeksRun => Options.Weeks;

    /// <summary>Per seed, what the best fixed plans could have done (<see cref="GridReferences"/>).</summary>
    public IReadOnlyList<ReferenceSummary> References =>
        Runs.Select(r => new ReferenceSummary(r.Seed, r.References.Everyone(), r.References.ByCohort(), r.References.PerCohortRegret())).ToArray();

    /// <summary>What fixed schedules kept all run did on the same members; null when the run had none (<see cref="ExperimentOptions.Schedules"/>).</summary>
    public ScheduleYardsticks? ScheduleYardsticks { get; }

    /// <summary>
    /// With two ranking arms, each layer's effect on engaged days with the other held at each of its arms and over them
    /// (<see cref="Experiment.RankingLayer.Effects"/>): the ranking layer's causal less engagement within every pacing arm
    /// but the baseline (which ranks by its own score), the pacing layer's hierarchical less fixed within each ranker.
    /// Null with one ranking arm.
    /// </summary>
    public IReadOnlyList<LayerEffect>? LayerEffects =>
        Runs.All(r => r.RankingLayer is not null) && Options.Rankers.Count == 2
            ? RankingLayer.Effects([.. Runs.Select(r => r.RankingLayer!)], [.. ExperimentOptions.ArmNames.Where(a => a != "baseline")],
                Options.RankingArms[1].Name, Options.RankingArms[0].Name, "hierarchical", "fixed")
            : null;

    /// <summary>The ranking layer's cells, seed by seed; null with one ranking arm.</summary>
    public IReadOnlyList<IReadOnlyList<LayerCell>>? LayerCells =>
        Runs.All(r => r.RankingLayer is not null) ? [.. Runs.Select(r => r.RankingLayer!.Cells)] : null;

    /// <summary>
    /// Seed by seed, the newest causal ranker's calibrated effect per intent and channel against the world's truth
    /// (<see cref="EffectTruth"/>); null when no run trained one.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<EffectCheck>>? EffectChecks =>
        Runs.Any(r => r.EffectChecks.Count > 0) ? [.. Runs.Select(r => r.EffectChecks)] : null;

    /// <summary>Member-weeks per second over all runs.</summary>
    public double MemberWeeksPerSecond => Runs.Sum(r => r.MemberWeeks) / Runs.Sum(r => r.Timings.Total.TotalSeconds);

    /// <summary>Summarises <paramref name="runs"/> (at least one, all of one experiment's options).</summary>
    public static ExperimentSummary Of(IReadOnlyList<ExperimentRun> runs, ExperimentOptions options)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(options);
        if (runs.Count == 0) throw new ArgumentException("Summarise at least one run.", nameof(runs));
        return new ExperimentSummary(runs, options);
    }

    /// <summary>summary.json.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>
    /// Arm <paramref name="arm"/> minus arm <paramref name="other"/> on a metric, seed by seed (the arms share each seed's
    /// members, so the difference is paired), as a mean with a 95% interval over seeds.
    /// </summary>
    public (double Mean, double[]? Ci) Difference(string arm, string other, Func<ArmMetrics, double> metric, Cohort? cohort = null)
    {
        ArgumentNullException.ThrowIfNull(metric);
        var arms = Runs[0].Tally.Arms.ToList();
        var (a, b) = (arms.IndexOf(arm), arms.IndexOf(other));
        if (a < 0 || b < 0) throw new ArgumentException($"The experiment has no arm '{(a < 0 ? arm : other)}'.");
        var differences = Runs.Select(r => metric(ArmMetrics.From(r.Tally, a, cohort)) - metric(ArmMetrics.From(r.Tally, b, cohort))).ToArray();
        return (differences.Average(), Ci(differences));
    }

    private static MetricsSummary Interval(IReadOnlyList<ArmMetrics> seeds) => new()
    {
        Engagement = Mean(seeds.Select(s => s.Engagement)),
        EngagementCi = Ci(seeds.Select(s => s.Engagement)),
        OptOutRate = Mean(seeds.Select(s => s.OptOutRate)),
        OptOutRateCi = Ci(seeds.Select(s => s.OptOutRate)),
        PushOptOutRate = Mean(seeds.Select(s => s.PushOptOutRate)),
        PushOptOutRateCi = Ci(seeds.Select(s => s.PushOptOutRate)),
        EmailOptOutRate = Mean(seeds.Select(s => s.EmailOptOutRate)),
        EmailOptOutRateCi = Ci(seeds.Select(s => s.EmailOptOutRate)),
        SendsPerMemberWeek = Mean(seeds.Select(s => s.SendsPerMemberWeek)),
        SendsPerMemberWeekCi = Ci(seeds.Select(s => s.SendsPerMemberWeek)),
        PushPerMemberWeek = Mean(seeds.Select(s => s.PushPerMemberWeek)),
        PushPerMemberWeekCi = Ci(seeds.Select(s => s.PushPerMemberWeek)),
        EmailPerMemberWeek = Mean(seeds.Select(s => s.EmailPerMemberWeek)),
        EmailPerMemberWeekCi = Ci(seeds.Select(s => s.EmailPerMemberWeek)),
        InAppPerMemberWeek = Mean(seeds.Select(s => s.InAppPerMemberWeek)),
        InAppPerMemberWeekCi = Ci(seeds.Select(s => s.InAppPerMemberWeek)),
        Ctr = Mean(seeds.Select(s => s.Ctr)),
        CtrCi = Ci(seeds.Select(s => s.Ctr)),
        OpenRate = Mean(seeds.Select(s => s.OpenRate)),
        Regret = Mean(seeds.Select(s => s.Regret)),
        RegretCi = Ci(seeds.Select(s => s.Regret)),
        GridRegret = Mean(seeds.Select(s => s.GridRegret)),
        GridRegretCi = Ci(seeds.Select(s => s.GridRegret)),
    };

    private static double Mean(IEnumerable<double> values) => values.Average();

    /// <summary>A 95% interval of the mean of <paramref name="values"/> (Student's t); null for fewer than two.</summary>
    public static double[]? Ci(IEnumerable<double> values)
    {
        var list = values.ToArray();
        if (list.Length < 2) return null;
        var mean = list.Average();
        var sd = Math.Sqrt(list.Sum(v => (v - mean) * (v - mean)) / (list.Length - 1));
        var t = list.Length - 1 <= StudentT.Length ? StudentT[list.Length - 2] : 1.96;
        var half = t * sd / Math.Sqrt(list.Length);
        return [mean - half, mean + half];
    }
}

/// <summary>One arm's summary: overall, per cohort (casual, regular, heavy) and per week.</summary>
public sealed class ArmSummary
{
    /// <summary>Over all members and weeks.</summary>
    [JsonIgnore]
    public MetricsSummary Overall { get; init; } = new();

    /// <summary>Mean engaged days per member-week.</summary>
    public double Engagement => Overall.Engagement;

    /// <summary>95% interval of <see cref="Engagement"/> across seeds.</summary>
    public double[]? EngagementCi => Overall.EngagementCi;

    /// <summary>Share of members who opted out of a channel.</summary>
    public double OptOutRate => Overall.OptOutRate;

    /// <summary>95% interval of <see cref="OptOutRate"/> across seeds.</summary>
    public double[]? OptOutRateCi => Overall.OptOutRateCi;

    /// <summary>Share of members who turned push off.</summary>
    public double PushOptOutRate => Overall.PushOptOutRate;

    /// <summary>Share of members who unsubscribed from email.</summary>
    public double EmailOptOutRate => Overall.EmailOptOutRate;

    /// <summary>Messages delivered per member-week, every channel.</summary>
    public double SendsPerMemberWeek => Overall.SendsPerMemberWeek;

    /// <summary>Pushes delivered per member-week.</summary>
    public double PushPerMemberWeek => Overall.PushPerMemberWeek;

    /// <summary>Emails delivered per member-week.</summary>
    public double EmailPerMemberWeek => Overall.EmailPerMemberWeek;

    /// <summary>In-app messages shown per member-week.</summary>
    public double InAppPerMemberWeek => Overall.InAppPerMemberWeek;

    /// <summary>Clicks per delivered message.</summary>
    public double Ctr => Overall.Ctr;

    /// <summary>Engaged days per member-week short of the truth's best plan.</summary>
    public double Regret => Overall.Regret;

    /// <summary>95% interval of <see cref="Regret"/> across seeds.</summary>
    public double[]? RegretCi => Overall.RegretCi;

    /// <summary>Engaged days per member-week the pushes and emails sent fall short of the best push and email plan, both without in-app messages: comparable with <see cref="ExperimentSummary.References"/>.</summary>
    public double GridRegret => Overall.GridRegret;

    /// <summary>95% interval of <see cref="GridRegret"/> across seeds.</summary>
    public double[]? GridRegretCi => Overall.GridRegretCi;

    /// <summary>Members in the arm.</summary>
    public long Members { get; init; }

    /// <summary>Per cohort.</summary>
    public required IReadOnlyDictionary<string, MetricsSummary> Cohorts { get; init; }

    /// <summary>Per week, in order.</summary>
    public required IReadOnlyList<MetricsSummary> Weeks { get; init; }
}

/// <summary>Metrics as means over seeds, with 95% intervals where there are several seeds.</summary>
public sealed class MetricsSummary
{
    public double Engagement { get; init; }

    public double[]? EngagementCi { get; init; }

    public double OptOutRate { get; init; }

    public double[]? OptOutRateCi { get; init; }

    public double PushOptOutRate { get; init; }

    public double[]? PushOptOutRateCi { get; init; }

    public double EmailOptOutRate { get; init; }

    public double[]? EmailOptOutRateCi { get; init; }

    public double SendsPerMemberWeek { get; init; }

    public double[]? SendsPerMemberWeekCi { get; init; }

    public double PushPerMemberWeek { get; init; }

    public double[]? PushPerMemberWeekCi { get; init; }

    public double EmailPerMemberWeek { get; init; }

    public double[]? EmailPerMemberWeekCi { get; init; }

    public double InAppPerMemberWeek { get; init; }

    public double[]? InAppPerMemberWeekCi { get; init; }

    public double Ctr { get; init; }

    public double[]? CtrCi { get; init; }

    public double OpenRate { get; init; }

    public double Regret { get; init; }

    public double[]? RegretCi { get; init; }

    public double GridRegret { get; init; }

    public double[]? GridRegretCi { get; init; }
}

/// <summary>One seed's yardsticks (<see cref="GridReferences"/>).</summary>
/// <param name="Seed">The seed.</param>
/// <param name="BestFixed">The best single fixed plan for everyone and its regret per member-week.</param>
/// <param name="BestFixedByCohort">Each true cohort's best fixed plan and its regret per member-week of the cohort.</param>
/// <param name="PerCohortRegret">The regret per member-week when each cohort gets its own best fixed plan.</param>
public sealed record ReferenceSummary(int Seed, GridReference? BestFixed, IReadOnlyDictionary<string, GridReference> BestFixedByCohort, double? PerCohortRegret);
