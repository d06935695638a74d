namespace NotificationActors.FieldTrial.Trial;

/// <summary>
/// The budget audit: silo member-weeks whose plan was read at the week's end, member-weeks in which a channel's sends
/// exceeded its weekly cap (a null cap counts as no budget: any send on it is a violation), the silo's sends per channel
/// counted from its decisions, and member-weeks whose plan reported other sends than its decisions.
/// </summary>
internal sealed record AuditCounts(long MemberWeeks, ChannelTotals Violations, ChannelTotals SiloSends, long PlanSentMismatches)
{
    public static AuditCounts None { get; } = new(0, new ChannelTotals(0, 0, 0), new ChannelTotals(0, 0, 0), 0);

    public static AuditCounts operator +(AuditCounts a, AuditCounts b) =>
        new(a.MemberWeeks + b.MemberWeeks, a.Violations + b.Violations, a.SiloSends + b.SiloSends, a.PlanSentMismatches + b.PlanSentMismatches);
}
