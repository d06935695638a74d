using NotificationActors.Lab.Charts;
using System.Globalization;
using System.Net;
using System.Text;
using NotificationActors.FieldTrial.Policies;
using NotificationActors.FieldTrial.Silo;

namespace NotificationActors.FieldTrial.Report;

/// <summary><c>report.html</c>: the verdict, the tables, and inline SVG charts; one file, no scripts, nothing fetched.</summary>
internal static class HtmlReport
{
    private static readonly string[] Segments = ["casual", "regular", "heavy"];

    public static string Render(TrialSummary summary)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Field trial</title><style>")
            .Append("body{font-family:sans-serif;margin:2em;max-width:1000px}table{border-collapse:collapse;margin:1em 0}")
            .Append("th,td{border:1px solid #ccc;padding:4px 8px;text-align:right}th:first-child,td:first-child{text-align:left}")
            .Append("</style></head><body><h1>Field trial</h1>");
        html.Append(Invariant($"<p>{summary.Members:N0} members per policy, {summary.Weeks} weeks, seeds {string.Join(", ", summary.Seeds)}; silo: {Escape(summary.Silo)}; {summary.ElapsedSeconds:0.0} s.</p>"));
        html.Append("<p><strong>").Append(Escape(Verdict(summary))).Append("</strong></p>");

        html.Append("<h2>Policies</h2>");
        PolicyTable(html, summary.Policies.Select(p => (p.Key, p.Value.Overall)));
        html.Append(GroupedBarChart.Render("Utility", "engaged days per member-week less opt-outs per member", ["all", .. Segments], Series(summary, p => p.Utility.Mean), "0.000"));
        html.Append(GroupedBarChart.Render("Sends per member-week", "sends per member-week", ["push", "email", "inapp"], [.. summary.Policies
            .Select(p => new ChartSeries(p.Key, [p.Value.Overall.SendsPerMemberWeek.Push.Mean, p.Value.Overall.SendsPerMemberWeek.Email.Mean, p.Value.Overall.SendsPerMemberWeek.InApp.Mean]))], "0.00"));

        foreach (var segment in Segments)
        {
            html.Append("<h2>").Append(segment).Append("</h2>");
            PolicyTable(html, summary.Policies.Where(p => p.Value.Segments.ContainsKey(segment)).Select(p => (p.Key, p.Value.Segments[segment])));
        }

        var audit = summary.Audit;
        html.Append("<h2>The silo's budget audit</h2><table><tr><th></th><th>push</th><th>email</th><th>inapp</th></tr>");
        html.Append(Invariant($"<tr><td>member-weeks over the plan's cap (of {audit.MemberWeeks:N0})</td><td>{audit.Violations.Push:N0}</td><td>{audit.Violations.Email:N0}</td><td>{audit.Violations.InApp:N0}</td></tr>"));
        html.Append(Invariant($"<tr><td>sends, from the silo's decisions</td><td>{audit.SiloSends.Push:N0}</td><td>{audit.SiloSends.Email:N0}</td><td>{audit.SiloSends.InApp:N0}</td></tr></table>"));
        html.Append(Invariant($"<p>Member-weeks whose plan reported other sends than the silo's decisions: {audit.PlanSentMismatches:N0}. A cap of null counts as no budget.</p>"));
        html.Append(Invariant($"<p>Opt-out scales the silo's plans priced with (the population's opt-outs against the model's predictions), week by week, push / email: {Escape(Formats.Scales(audit.OptOutScales))}.</p>"));
        return html.Append("</body></html>").ToString();
    }

    /// <summary>One sentence: how the silo's utility compares with the schedule's, seed by seed.</summary>
    public static string Verdict(TrialSummary summary)
    {
        var silo = summary.Policies[SiloArm.Name].Overall.Utility;
        var schedule = summary.Policies[TwiceAWeekPolicy.PolicyName].Overall.Utility;
        var gain = summary.SiloUtilityOverSchedule;
        return string.Create(CultureInfo.InvariantCulture,
            $"The silo's utility is {silo.Mean:0.000} against twice-a-week's {schedule.Mean:0.000}: {(gain.Mean > 0 ? "ahead" : "behind")} by {Math.Abs(gain.Mean):0.000}")
            + (gain.Sd is { } sd ? string.Create(CultureInfo.InvariantCulture, $" (sd {sd:0.000} across seeds).") : ".");
    }

    private static void PolicyTable(StringBuilder html, IEnumerable<(string Name, PolicyEstimate Estimate)> rows)
    {
        html.Append("<table><tr><th>policy</th><th>members</th><th>engaged days / member-week</th><th>opt-outs / member (push / email / inapp)</th><th>members opted out</th>")
            .Append("<th>sends / member-week (push / email / inapp)</th><th>in-app unseen</th><th>utility</th></tr>");
        foreach (var (name, e) in rows)
        {
            html.Append(Invariant($"<tr><td>{Escape(name)}</td><td>{e.Members:N0}</td><td>{Formats.Value(e.EngagedDaysPerMemberWeek, "0.000")}</td><td>{Formats.ByChannel(e.OptOutsByChannel, "0.000")}</td>"))
                .Append(Invariant($"<td>{Formats.Percent(e.OptedOutShare)}</td><td>{Formats.ByChannel(e.SendsPerMemberWeek, "0.00")}</td><td>{Formats.Percent(e.InAppWastedShare)}</td><td>{Formats.Value(e.Utility, "0.000")}</td></tr>"));
        }

        html.Append("</table>");
    }

    // One series per policy over all members and each segment (0 where a segment had no member).
    private static ChartSeries[] Series(TrialSummary summary, Func<PolicyEstimate, double> metric) => [.. summary.Policies
        .Select(p => new ChartSeries(p.Key, [metric(p.Value.Overall), .. Segments.Select(s => p.Value.Segments.TryGetValue(s, out var e) ? metric(e) : 0)]))];

    private static string Escape(string text) => WebUtility.HtmlEncode(text);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
