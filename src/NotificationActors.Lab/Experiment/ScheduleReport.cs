using System.Globalization;
using NotificationActors.Lab.Charts;
using NotificationActors.Simulation.Experiment;
using NotificationActors.Simulation.Population;

namespace NotificationActors.Lab.Experiment;

/// <summary>
/// The report's schedule yardsticks (<see cref="ScheduleYardsticks"/>): in words, as a table of the hierarchical arm
/// against the best schedule for everyone and per cohort, as a chart of that difference week by week, and as a heatmap
/// of every schedule's engaged days.
/// </summary>
internal static class ScheduleReport
{
    /// <summary>Columns of <see cref="Rows"/>.</summary>
    public static readonly string[] Columns = ["yardstick", "members", "schedule (push + email + in-app a week)", "its engaged days / member-week", "its opt-out rate", "hierarchical less it", "hierarchical ahead from week"];

    /// <summary>The answer in words: does the hierarchical arm beat the best schedules kept all run; null without schedules.</summary>
    public static string? Headline(ExperimentSummary summary)
    {
        if (summary.ScheduleYardsticks is not { } s) return null;
        return string.Create(CultureInfo.InvariantCulture,
            $"Against {s.Schedules.Count} fixed schedules kept all run on the same members (push + email + in-app a week), the hierarchical arm {Verdict(s.AgainstBest.Overall)} the best single schedule ({Plan(s.BestForEveryone.Schedule)}): " +
            $"{Signed(s.AgainstBest.Overall)} engaged days per member-week; and it {Verdict(s.AgainstPerCohort.Overall)} each true cohort on its own best schedule ({Plans(s)}): {Signed(s.AgainstPerCohort.Overall)}. " +
            $"The best schedules are picked on the runs they are measured on, which flatters them.");
    }

    /// <summary>The hierarchical arm against each yardstick, overall and per cohort; null without schedules.</summary>
    public static string[][]? Rows(ExperimentSummary summary)
    {
        if (summary.ScheduleYardsticks is not { } s) return null;
        // Weeks are compared over all members only, so a cohort's row leaves the last column empty.
        static string[] Row(string yardstick, string members, string plan, double engagement, double? optOut, PairedDifference difference, ScheduleComparison? byWeek = null) =>
        [
            yardstick, members, plan, engagement.ToString("0.000", CultureInfo.InvariantCulture), optOut?.ToString("0.0000", CultureInfo.InvariantCulture) ?? "",
            Signed(difference), byWeek is null ? "" : byWeek.AheadFromWeek?.ToString(CultureInfo.InvariantCulture) ?? "not at the end",
        ];

        return
        [
            Row("best single schedule", "all", Plan(s.BestForEveryone.Schedule), s.BestForEveryone.Engagement, s.BestForEveryone.OptOutRate, s.AgainstBest.Overall, s.AgainstBest),
            Row("best schedule per cohort", "all", Plans(s), s.PerCohortEngagement, s.PerCohortOptOutRate, s.AgainstPerCohort.Overall, s.AgainstPerCohort),
            .. Enum.GetValues<Cohort>().Select(c => c.Key()).Select(c => Row("best schedule per cohort", c, Plan(s.BestByCohort[c].Schedule),
                s.BestByCohort[c].Cohorts[c], null, s.AgainstPerCohort.Cohorts[c])),
        ];
    }

    /// <summary>The week-by-week chart and the heatmap; empty without schedules.</summary>
    public static string Charts(ExperimentSummary summary)
    {
        if (summary.ScheduleYardsticks is not { } s) return "";
        var weeks = s.AgainstBest.Weeks.Count;
        var lines = LineChart.Render("The hierarchical arm less the schedule yardsticks", "week", "engaged days per member-week ahead",
        [
            new ChartSeries("less the best single schedule", [.. s.AgainstBest.Weeks.Select(w => w.Mean)], [.. s.AgainstBest.Weeks.Select(w => w.Ci)]),
            new ChartSeries("less each cohort's best schedule", [.. s.AgainstPerCohort.Weeks.Select(w => w.Mean)], [.. s.AgainstPerCohort.Weeks.Select(w => w.Ci)]),
            new ChartSeries("level", [.. Enumerable.Repeat(0.0, weeks)], Yardstick: true),
        ]);

        // A cell per push and email plan; where the schedules also vary in-app messages, the best of them.
        var cells = s.Schedules.GroupBy(r => (r.Schedule.Push, r.Schedule.Email)).ToDictionary(g => g.Key, g => g.Max(r => r.Engagement));
        var (low, high) = (cells.Values.Min(), cells.Values.Max());
        var heatmap = PushEmailHeatmap.Render("Engaged days per member-week of each schedule", [.. cells.Keys.Select(k => k.Push).Distinct().Order()], [.. cells.Keys.Select(k => k.Email).Distinct().Order()],
            (p, e) => cells.TryGetValue((p, e), out var v) && high > low ? (v - low) / (high - low) : 0,
            (p, e) => cells.TryGetValue((p, e), out var v) ? v.ToString("0.000", CultureInfo.InvariantCulture) : null,
            string.Create(CultureInfo.InvariantCulture, $"hierarchical arm: {summary.Arms["hierarchical"].Engagement:0.000}"));
        return lines + heatmap;
    }

    private const string SignedFormat = "+0.000;-0.000;0.000";

    private static string Verdict(PairedDifference difference) => ExperimentReport.Verdict(difference.Mean, difference.Ci);

    private static string Signed(PairedDifference difference) =>
        difference.Mean.ToString(SignedFormat, CultureInfo.InvariantCulture) + ExperimentReport.Interval(difference.Ci, SignedFormat);

    private static string Plan(FixedSchedule schedule) => string.Create(CultureInfo.InvariantCulture, $"{schedule.Push} + {schedule.Email} + {schedule.InApp}");

    private static string Plans(ScheduleYardsticks s) => string.Join(", ", s.BestByCohort.Select(c => $"{c.Key} {Plan(c.Value.Schedule)}"));
}
