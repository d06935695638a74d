using Spectre.Console;

namespace NotificationActors.FieldTrial.Report;

/// <summary>The summary as console tables: the policies over all members and by segment, then the silo's budget audit.</summary>
internal static class ConsoleReport
{
    public static void Write(IAnsiConsole console, TrialSummary summary)
    {
        var table = new Table()
            .Title(summary.Seeds.Count > 1 ? "policies (mean ± sd across seeds)" : "policies")
            .Caption("engaged days and sends per member-week, opt-outs per member; utility = engaged days - opt-outs")
            .AddColumns("policy", "segment", "engaged days", "opt-outs (push / email / inapp)", "opted out", "sends", "push", "email", "inapp", "utility");
        foreach (var (name, policy) in summary.Policies)
        {
            Row(table, name, "all", policy.Overall);
            foreach (var (segment, estimate) in policy.Segments)
            {
                Row(table, "", segment, estimate);
            }
        }

        console.Write(table);
        var audit = summary.Audit;
        console.MarkupLine(Markup.Escape(
            $"Budget audit over {Formats.Count(audit.MemberWeeks)} silo member-weeks: violations push {Formats.Count(audit.Violations.Push)}, email {Formats.Count(audit.Violations.Email)}, inapp {Formats.Count(audit.Violations.InApp)}; "
            + $"silo sends push {Formats.Count(audit.SiloSends.Push)}, email {Formats.Count(audit.SiloSends.Email)}, inapp {Formats.Count(audit.SiloSends.InApp)}; plan/decision mismatches {Formats.Count(audit.PlanSentMismatches)}."));
        console.MarkupLine(Markup.Escape($"Opt-out scales the silo's plans priced with, week by week (push / email): {Formats.Scales(audit.OptOutScales)}."));
        console.MarkupLine(Markup.Escape(HtmlReport.Verdict(summary)));
    }

    private static void Row(Table table, string policy, string segment, PolicyEstimate e) => table.AddRow(
        Markup.Escape(policy),
        Markup.Escape(segment),
        Markup.Escape(Formats.Value(e.EngagedDaysPerMemberWeek, "0.000")),
        Markup.Escape(Formats.ByChannel(e.OptOutsByChannel, "0.000")),
        Markup.Escape(Formats.Percent(e.OptedOutShare)),
        Markup.Escape(Formats.Value(e.SendsPerMemberWeek.Total, "0.00")),
        Markup.Escape(Formats.Value(e.SendsPerMemberWeek.Push, "0.00")),
        Markup.Escape(Formats.Value(e.SendsPerMemberWeek.Email, "0.00")),
        Markup.Escape(Formats.Value(e.SendsPerMemberWeek.InApp, "0.00")),
        Markup.Escape(Formats.Value(e.Utility, "0.000")));
}
