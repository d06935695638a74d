using System.Globalization;
using System.Text;
using NotificationActors.Policy.Slow;
using NotificationActors.Lab.Charts;
using NotificationActors.Simulation.Experiment;
using NotificationActors.Simulation.Population;
using static NotificationActors.Lab.Charts.ChartSvg;

namespace NotificationActors.Lab.Experiment;

/// <summary>
/// The experiment's report: an HTML page with inline SVG charts drawn by ScottPlot (no scripts) and a markdown
/// summary. It leads with the answer a reader wants, whether the hierarchy beats the baseline and for whom, then the
/// evidence. Intervals across seeds appear only when there are several seeds.
/// </summary>
internal static class ExperimentReport
{
    private const string Product = "hierarchical";
    private const string Baseline = "baseline";

    // The sends chart's groups.
    private static readonly string[] Channels = ["push", "email", "in-app"];

    // The arms' table, the same in the page and the markdown; the columns marked true carry an interval across seeds
    // when there are several seeds, and only then say so.
    private static readonly (string Name, bool Interval)[] Columns =
    [
        ("arm", false), ("engaged days / member-week", true), ("opt-out rate", true), ("push opt-out rate", false), ("email opt-out rate", false),
        ("sends / member-week", false), ("push / member-week", false), ("email / member-week", false), ("in-app / member-week", false), ("CTR", false),
        ("regret (days)", true), ("push/email regret (days)", true),
    ];

    /// <summary>The arms' table's headers: an interval column says "[95% across N seeds]" with several seeds, and nothing with one.</summary>
    public static string[] ArmColumns(ExperimentSummary summary) =>
        [.. Columns.Select(c => c.Interval && summary.Seeds.Count > 1 ? string.Create(CultureInfo.InvariantCulture, $"{c.Name} [95% across {summary.Seeds.Count} seeds]") : c.Name)];

    private static (double Mean, double[]? Ci) Difference(ExperimentSummary summary, Func<ArmMetrics, double> metric, Cohort? cohort = null) =>
        summary.Difference(Product, Baseline, metric, cohort);

    /// <summary>The answer in one paragraph: does the hierarchy beat the baseline, and for whom.</summary>
    public static string Headline(ExperimentSummary summary)
    {
        var (engagement, engagementCi) = Difference(summary, m => m.Engagement);
        var (optOut, _) = Difference(summary, m => m.OptOutRate);
        var cohorts = Enum.GetValues<Cohort>().Select(c => (Cohort: c, Gain: Difference(summary, m => m.Engagement, c).Mean)).OrderByDescending(c => c.Gain).ToArray();
        return string.Create(CultureInfo.InvariantCulture,
            $"The hierarchical policy {Verdict(engagement, engagementCi)} the baseline: {engagement:+0.000;-0.000;0.000} engaged days per member-week{Interval(engagementCi, "0.000")}, " +
            $"with {Math.Abs(optOut) * 100:0.00} points {(optOut <= 0 ? "fewer" : "more")} members opting out. " +
            $"The gain is largest for {cohorts[0].Cohort.Key()} viewers ({cohorts[0].Gain:+0.000;-0.000;0.000}) and smallest for {cohorts[^1].Cohort.Key()} ({cohorts[^1].Gain:+0.000;-0.000;0.000}).");
    }

    public static string Html(ExperimentSummary summary)
    {
        var arms = summary.Arms.Keys.ToArray();
        var cohorts = Enum.GetValues<Cohort>();
        var weeks = Enumerable.Range(1, summary.WeeksRun).Select(w => w.ToString(CultureInfo.InvariantCulture)).ToArray();
        ChartSeries Overall(string arm, Func<MetricsSummary, double> value, Func<MetricsSummary, double[]?>? ci = null) =>
            new(arm, [value(summary.Arms[arm].Overall)], ci is null ? null : [ci(summary.Arms[arm].Overall)]);
        ChartSeries ByCohort(string arm, Func<MetricsSummary, double> value, Func<MetricsSummary, double[]?> ci) =>
            new(arm, [.. cohorts.Select(c => value(summary.Arms[arm].Cohorts[c.Key()]))], [.. cohorts.Select(c => ci(summary.Arms[arm].Cohorts[c.Key()]))]);
        ChartSeries ByWeek(string arm, Func<MetricsSummary, double> value, Func<MetricsSummary, double[]?> ci) =>
            new(arm, [.. summary.Arms[arm].Weeks.Select(value)], [.. summary.Arms[arm].Weeks.Select(ci)]);
        ChartSeries ChannelSeries(string arm)
        {
            var overall = summary.Arms[arm].Overall;
            return new(arm, [overall.PushPerMemberWeek, overall.EmailPerMemberWeek, overall.InAppPerMemberWeek],
                [overall.PushPerMemberWeekCi, overall.EmailPerMemberWeekCi, overall.InAppPerMemberWeekCi]);
        }

        var cohortNames = cohorts.Select(CohortNames.Key).ToArray();

        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"/><title>Policy experiment</title><style>")
            .Append("body{font:14px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:1340px;color:#222;padding:0 1rem}h1{font-size:1.5rem}")
            .Append(".headline{font-size:1.15rem;background:#f3f6fb;border-left:4px solid #3b6fb6;padding:.75rem 1rem}")
            .Append("table{border-collapse:collapse;margin:1rem 0}td,th{border-bottom:1px solid #ddd;padding:.3rem .7rem;text-align:right}th:first-child,td:first-child{text-align:left}")
            .Append(".charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(560px,1fr));gap:1rem}.chart{width:100%;height:auto;border:1px solid #eee}")
            .Append("</style></head><body>");
        html.Append("<h1>Policy experiment</h1>");
        html.Append(CultureInfo.InvariantCulture, $"<p class=\"headline\">{Escape(Headline(summary))}</p>");
        html.Append(CultureInfo.InvariantCulture, $"<p>{Escape(Setup(summary))}</p>");
        html.Append(Table(summary, arms));
        html.Append(SendsByCohortTable(summary, arms));
        html.Append("<div class=\"charts\">");
        html.Append(GroupedBarChart.Render("Long-term engagement", "engaged days per member-week", ["all members"], [.. arms.Select(a => Overall(a, m => m.Engagement, m => m.EngagementCi))]));
        html.Append(GroupedBarChart.Render("Engagement by cohort", "engaged days per member-week", cohortNames, [.. arms.Select(a => ByCohort(a, m => m.Engagement, m => m.EngagementCi))]));
        html.Append(LineChart.Render("Engagement over the weeks", "week", "engaged days per member-week", [.. arms.Select(a => ByWeek(a, m => m.Engagement, m => m.EngagementCi))]));
        html.Append(LineChart.Render("Regret against the oracle's plan", "week", "engaged days short per member-week", [.. arms.Select(a => ByWeek(a, m => m.Regret, m => m.RegretCi))]));
        html.Append(LineChart.Render("Push and email regret (no in-app) against the best fixed plans", "week", "engaged days short per member-week",
            [.. arms.Select(a => ByWeek(a, m => m.GridRegret, m => m.GridRegretCi)), .. YardstickSeries(summary)]));
        html.Append(GroupedBarChart.Render("Members who opted out of a channel", "share of members", cohortNames, [.. arms.Select(a => ByCohort(a, m => m.OptOutRate, m => m.OptOutRateCi))]));
        html.Append(GroupedBarChart.Render("Messages per member-week by channel", "sends per member-week", Channels, [.. arms.Select(ChannelSeries)]));
        html.Append(GroupedBarChart.Render("Message click-through rate", "clicks per delivered message", cohortNames, [.. arms.Select(a => ByCohort(a, m => m.Ctr, m => m.CtrCi))]));
        html.Append("</div>");
        if (LayerRows(summary) is { } layers)
        {
            html.Append(CultureInfo.InvariantCulture, $"<h2>Pacing and ranking layers</h2><p>{Escape(LayerCaption(summary))}</p>").Append(HtmlTable(LayerColumns, layers));
        }

        if (EffectRows(summary) is { } effects)
        {
            html.Append(CultureInfo.InvariantCulture, $"<h2>The causal ranker's calibration against the truth</h2><p>{Escape(EffectHeadline(summary)!)}</p>").Append(HtmlTable(EffectColumns, effects));
        }

        if (ScheduleReport.Rows(summary) is { } schedules)
        {
            html.Append(CultureInfo.InvariantCulture, $"<h2>Schedules kept all run</h2><p>{Escape(ScheduleReport.Headline(summary)!)}</p>").Append(HtmlTable(ScheduleReport.Columns, schedules))
                .Append("<div class=\"charts\">").Append(ScheduleReport.Charts(summary)).Append("</div>");
        }

        html.Append(CultureInfo.InvariantCulture, $"<h2>Yardsticks of one week</h2><p>{Escape(Yardsticks(summary))}</p>");
        html.Append("<h2>How the hierarchical arm learned</h2><ul>");
        foreach (var note in summary.Runs[0].Models)
        {
            html.Append(CultureInfo.InvariantCulture, $"<li>{Escape(note)}</li>");
        }

        html.Append("</ul>");
        html.Append(CultureInfo.InvariantCulture, $"<h2>Speed</h2><p>{Escape(Speed(summary))}</p>");
        html.Append("</body></html>");
        return html.ToString();
    }

    public static string Markdown(ExperimentSummary summary)
    {
        var md = new StringBuilder();
        md.AppendLine("# Policy experiment").AppendLine();
        md.AppendLine(Headline(summary)).AppendLine();
        md.AppendLine(Setup(summary)).AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"| {string.Join(" | ", ArmColumns(summary))} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| {string.Join(" | ", Columns.Select(_ => "---"))} |");
        foreach (var (arm, s) in summary.Arms)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {string.Join(" | ", Row(arm, s))} |");
        }

        md.AppendLine().AppendLine("Sends per member-week by cohort, push / email / in-app:").AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"| arm | {string.Join(" | ", Enum.GetValues<Cohort>().Select(CohortNames.Key))} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| --- | {string.Join(" | ", Enum.GetValues<Cohort>().Select(_ => "---"))} |");
        foreach (var (arm, s) in summary.Arms)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {arm} | {string.Join(" | ", Enum.GetValues<Cohort>().Select(c => ByChannel(s.Cohorts[c.Key()])))} |");
        }

        md.AppendLine().AppendLine("Engaged days per member-week by cohort:").AppendLine();
        var cohorts = Enum.GetValues<Cohort>();
        md.AppendLine(CultureInfo.InvariantCulture, $"| arm | {string.Join(" | ", cohorts.Select(CohortNames.Key))} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| --- | {string.Join(" | ", cohorts.Select(_ => "---"))} |");
        foreach (var (arm, s) in summary.Arms)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {arm} | {string.Join(" | ", cohorts.Select(c => s.Cohorts[c.Key()].Engagement.ToString("0.000", CultureInfo.InvariantCulture)))} |");
        }

        if (LayerRows(summary) is { } layers) MarkdownTable(md.AppendLine().AppendLine(LayerCaption(summary)).AppendLine(), LayerColumns, layers);
        if (EffectRows(summary) is { } effects) MarkdownTable(md.AppendLine().AppendLine(EffectHeadline(summary)).AppendLine(), EffectColumns, effects);
        if (ScheduleReport.Rows(summary) is { } schedules) MarkdownTable(md.AppendLine().AppendLine(ScheduleReport.Headline(summary)).AppendLine(), ScheduleReport.Columns, schedules);

        md.AppendLine().AppendLine(Yardsticks(summary));
        md.AppendLine().AppendLine(Speed(summary));
        return md.ToString();
    }

    /// <summary>Columns of <see cref="EffectRows"/>.</summary>
    public static readonly string[] EffectColumns = ["seed", "version", "intent", "channel", "decisions", "calibrated effect", "estimate [95%]", "truth", "within"];

    /// <summary>Each seed's newest causal ranker, a row per intent and channel against the truth; null when none was trained.</summary>
    public static string[][]? EffectRows(ExperimentSummary summary) =>
        summary.EffectChecks?.SelectMany((checks, i) => checks.Select(c => new[]
        {
            summary.Seeds[i].ToString(CultureInfo.InvariantCulture), c.Version, c.Category, c.Channel, c.Decisions.ToString("N0", CultureInfo.InvariantCulture),
            c.Calibrated.ToString("+0.000;-0.000;0.000", CultureInfo.InvariantCulture),
            string.Create(CultureInfo.InvariantCulture, $"{c.Observed:+0.000;-0.000;0.000} [{c.Observed - c.HalfWidth:+0.000;-0.000;0.000}, {c.Observed + c.HalfWidth:+0.000;-0.000;0.000}]"),
            c.Truth.ToString("+0.000;-0.000;0.000", CultureInfo.InvariantCulture), c.Within ? "yes" : "no",
        })).ToArray();

    /// <summary>How many cells' calibrated effects lie within their interval's half-width of the truth, seed by seed; null when no causal ranker was trained.</summary>
    public static string? EffectHeadline(ExperimentSummary summary) =>
        summary.EffectChecks is { } checks
            ? "The causal ranker's calibrated effect (engaged days over the decision's day and the next) lies within its cell's 95% half-width of the world's true effect in "
              + string.Join("; ", checks.Select((c, i) => string.Create(CultureInfo.InvariantCulture,
                  $"{c.Count(x => x.Within)} of {c.Count} cells on seed {summary.Seeds[i]} (mean truth {(c.Count > 0 ? c.Average(x => x.Truth) : 0):+0.000;-0.000;0.000}, mean calibrated {(c.Count > 0 ? c.Average(x => x.Calibrated) : 0):+0.000;-0.000;0.000})")))
              + "."
            : null;

    /// <summary>What the layer table holds; its intervals come from the members' variance, so even one seed has them.</summary>
    public static string LayerCaption(ExperimentSummary summary) => string.Create(CultureInfo.InvariantCulture,
        $"Each layer's effect with the other layer held fixed (95% intervals from the members' variance, {(summary.Seeds.Count > 1 ? $"over {summary.Seeds.Count} seeds" : "within the one seed")}):");

    /// <summary>Columns of <see cref="LayerRows"/>.</summary>
    public static readonly string[] LayerColumns = ["layer", "effect", "other layer held at", "engaged days / member-week", "sends / member-week"];

    /// <summary>Each layer's effect with the other held fixed, a row each; null when the run had one ranking arm.</summary>
    public static string[][]? LayerRows(ExperimentSummary summary) =>
        summary.LayerEffects?.Select(e => new[]
        {
            e.Layer, e.Comparison, e.HeldFixed,
            string.Create(CultureInfo.InvariantCulture, $"{e.Engagement:+0.000;-0.000;0.000} [{e.EngagementCi[0]:+0.000;-0.000;0.000}, {e.EngagementCi[1]:+0.000;-0.000;0.000}]"),
            string.Create(CultureInfo.InvariantCulture, $"{e.Sends:+0.00;-0.00;0.00}"),
        }).ToArray();

    private static string HtmlTable(string[] columns, string[][] rows) =>
        new StringBuilder("<table><tr>").AppendJoin("", columns.Select(c => $"<th>{Escape(c)}</th>")).Append("</tr>")
            .AppendJoin("", rows.Select(row => "<tr>" + string.Concat(row.Select(cell => $"<td>{Escape(cell)}</td>")) + "</tr>")).Append("</table>").ToString();

    private static void MarkdownTable(StringBuilder md, string[] columns, string[][] rows)
    {
        md.AppendLine(CultureInfo.InvariantCulture, $"| {string.Join(" | ", columns)} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| {string.Join(" | ", columns.Select(_ => "---"))} |");
        foreach (var row in rows) md.AppendLine(CultureInfo.InvariantCulture, $"| {string.Join(" | ", row)} |");
    }

    private static string Table(ExperimentSummary summary, string[] arms)
    {
        var table = new StringBuilder("<table><tr>");
        foreach (var column in ArmColumns(summary)) table.Append(CultureInfo.InvariantCulture, $"<th>{Escape(column)}</th>");
        table.Append("</tr>");
        foreach (var arm in arms)
        {
            table.Append("<tr>");
            foreach (var cell in Row(arm, summary.Arms[arm])) table.Append(CultureInfo.InvariantCulture, $"<td>{Escape(cell)}</td>");
            table.Append("</tr>");
        }

        return table.Append("</table>").ToString();
    }

    private static string SendsByCohortTable(ExperimentSummary summary, string[] arms)
    {
        var cohorts = Enum.GetValues<Cohort>();
        var table = new StringBuilder("<table><caption>Sends per member-week by cohort: push / email / in-app</caption><tr><th>arm</th>");
        foreach (var cohort in cohorts) table.Append(CultureInfo.InvariantCulture, $"<th>{Escape(cohort.Key())}</th>");
        table.Append("</tr>");
        foreach (var arm in arms)
        {
            table.Append(CultureInfo.InvariantCulture, $"<tr><td>{Escape(arm)}</td>");
            foreach (var cohort in cohorts) table.Append(CultureInfo.InvariantCulture, $"<td>{Escape(ByChannel(summary.Arms[arm].Cohorts[cohort.Key()]))}</td>");
            table.Append("</tr>");
        }

        return table.Append("</table>").ToString();
    }

    private static string[] Row(string arm, ArmSummary s) =>
    [
        arm,
        Format(s.Engagement, "0.000") + Interval(s.EngagementCi, "0.000"),
        Format(s.OptOutRate, "0.0000") + Interval(s.OptOutRateCi, "0.0000"),
        Format(s.PushOptOutRate, "0.0000"),
        Format(s.EmailOptOutRate, "0.0000"),
        Format(s.SendsPerMemberWeek, "0.00"),
        Format(s.PushPerMemberWeek, "0.00"),
        Format(s.EmailPerMemberWeek, "0.00"),
        Format(s.InAppPerMemberWeek, "0.00"),
        Format(s.Ctr, "0.000"),
        Format(s.Regret, "0.000") + Interval(s.RegretCi, "0.000"),
        Format(s.GridRegret, "0.000") + Interval(s.GridRegretCi, "0.000"),
    ];

    private static string ByChannel(MetricsSummary m) =>
        $"{Format(m.PushPerMemberWeek, "0.00")} / {Format(m.EmailPerMemberWeek, "0.00")} / {Format(m.InAppPerMemberWeek, "0.00")}";

    private static string Format(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    private static string Setup(ExperimentSummary summary)
    {
        var o = summary.Options;
        var first = summary.Runs[0];
        var pricing = o.HierarchicalArm(1).Pricing();
        var schedules = o.Schedules.Count > 0 ? $" Beside them, {o.Schedules.Count} fixed schedules, each on its own copy of the same members (section \"Schedules kept all run\")." : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"{summary.Arms.Count} arms side by side, each on its own copy of the same {o.MembersPerArm:N0} hidden members, for {o.Weeks} weeks on a {o.Silos}-silo Orleans test cluster; " +
            $"seeds {string.Join(", ", summary.Seeds)} ({(summary.Seeds.Count > 1 ? "intervals are 95% across seeds" : "one seed: no intervals")}). " +
            $"Fixed: {o.FixedPush} push{(o.FixedPush == 1 ? "" : "es")} and {o.FixedEmail} email{(o.FixedEmail == 1 ? "" : "s")} a week. Baseline: one relevance threshold ({first.BaselineThreshold:0.000}) set to the fixed arm's weekly volume. " +
            $"Hierarchical: {(o.ExplorationWeeks == 0 ? $"the parametric prior with {SlowPolicyOptions.DefaultEpsilon:P0} of plans explored" : $"{o.ExplorationWeeks} week(s) of random plans")}, " +
            $"then versions trained on its own learning log, each planning near the champion's plans for a random half of the arm for two weeks and promoted only when its members clearly did better, {o.HierarchicalPacing} pacing; " +
            $"its prior's message cost {pricing.MessageCost:G} engaged days, and an opt-out at least {pricing.PushOptOutCost:G} (push) or {pricing.EmailOptOutCost:G} (email), or {pricing.OptOutWorthWeeks:G} weeks of the channel's worth to the member where more. Oracle: the best weekly plan by the hidden truth.{schedules}");
    }

    /// <summary>What the best fixed plans could have done, in words: means over seeds, the first seed's plans.</summary>
    public static string Yardsticks(ExperimentSummary summary)
    {
        var references = CompleteReferences(summary);
        if (references.Length == 0) return "No week's truth was evaluated, so there are no yardsticks.";
        var first = references[0];
        var plans = string.Join(", ", first.BestFixedByCohort.Select(c => $"{c.Key} {Plan(c.Value)}"));
        return string.Create(CultureInfo.InvariantCulture,
            $"On the push x email grid without in-app messages, from the truth's value of every plan for the oracle arm's members: the best single fixed plan ({Plan(first.BestFixed!)} on seed {first.Seed}) " +
            $"falls {references.Average(r => r.BestFixed!.Regret):0.000} engaged days a member-week short of each member-week's own best plan, and the best fixed plan per true cohort ({plans}) " +
            $"{references.Average(r => r.PerCohortRegret!.Value):0.000} (means over {references.Length} seed{(references.Length == 1 ? "" : "s")}). " +
            $"These value one week from the state the oracle arm's members were in (with a quiet week after), not a schedule kept for the whole run, whose fatigue carries from week to week: " +
            $"kept as the fixed arm's schedule (--fixed-push, --fixed-email), the week's best fixed plan can do worse than a lighter one (--schedules runs schedules kept all run as yardsticks; docs/experiments.md). " +
            $"On this footing a policy that personalises should end below both. The arms' push/email regret is on the same footing (the pushes and emails an arm sent, valued without in-app messages, " +
            $"against each member-week's best push and email plan); their regret counts in-app messages too, against the best plan with them. " +
            $"The hierarchical arm's push/email regret by week: {string.Join(", ", summary.Arms[Product].Weeks.Select(w => w.GridRegret.ToString("0.000", CultureInfo.InvariantCulture)))}.");

        static string Plan(GridReference plan) => string.Create(CultureInfo.InvariantCulture, $"{plan.Push} push + {plan.Email} email a week");
    }

    // The seeds whose yardsticks exist (some week's truth was evaluated).
    private static ReferenceSummary[] CompleteReferences(ExperimentSummary summary) =>
        summary.References.Where(r => r.BestFixed is not null && r.PerCohortRegret is not null).ToArray();

    // The yardsticks as flat lines over the weeks: means over seeds of the whole run's best fixed plans.
    private static ChartSeries[] YardstickSeries(ExperimentSummary summary)
    {
        var references = CompleteReferences(summary);
        if (references.Length == 0) return [];
        var weeks = summary.WeeksRun;
        return
        [
            new ChartSeries("best fixed", Enumerable.Repeat(references.Average(r => r.BestFixed!.Regret), weeks).ToArray(), Yardstick: true),
            new ChartSeries("best per cohort", Enumerable.Repeat(references.Average(r => r.PerCohortRegret!.Value), weeks).ToArray(), Yardstick: true),
        ];
    }

    private static string Speed(ExperimentSummary summary)
    {
        var t = summary.Runs[^1].Timings;
        return string.Create(CultureInfo.InvariantCulture,
            $"{summary.MemberWeeksPerSecond:N0} member-weeks per second. Last run: {t.Total.TotalSeconds:0.0} s in all; setup {t.Setup.TotalSeconds:0.0} s, " +
            $"simulated days {t.Days.TotalSeconds:0.0} s, retraining {t.Training.TotalSeconds:0.0} s. Within the days, members spent {t.GrainCalls.TotalSeconds:0} s awaiting grain calls " +
            $"and {t.World.TotalSeconds:0.0} s in the world's model (summed over concurrent members); the oracle took {t.Oracle.TotalSeconds:0.0} s. " +
            $"{t.MemberDays / Math.Max(t.Days.TotalSeconds, 1e-9):N0} member-days per second; per member-day call the process used " +
            $"{t.DaysProcessorTime.TotalMicroseconds / Math.Max(t.MemberDays, 1):N0} us of processor time and allocated {t.DaysAllocatedBytes / 1024.0 / Math.Max(t.MemberDays, 1):N2} KB; " +
            $"the garbage collector paused the process for {100 * t.DaysCollectorPauses.TotalSeconds / Math.Max(t.Days.TotalSeconds, 1e-9):0}% of the days.");
    }

    /// <summary>How a difference reads against what it is measured against, by its 95% interval when it has one: beats, loses to, leads or trails.</summary>
    public static string Verdict(double difference, double[]? ci) =>
        ci is [var low, _] && low > 0 ? "beats" : ci is [_, var high] && high < 0 ? "loses to" : difference > 0 ? "leads (not significantly)" : "trails (not significantly)";

    /// <summary>" [low, high]" in <paramref name="format"/>, or nothing without an interval.</summary>
    public static string Interval(double[]? ci, string format) =>
        ci is [var low, var high] ? string.Create(CultureInfo.InvariantCulture, $" [{low.ToString(format, CultureInfo.InvariantCulture)}, {high.ToString(format, CultureInfo.InvariantCulture)}]") : "";
}
