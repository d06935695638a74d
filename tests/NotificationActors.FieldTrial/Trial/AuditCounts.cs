namespace NotificationActors.FieldTrial.Trial;

/// <summary>
/// The budget audit: silo member-weeks whose plan was read at the week's end, member-weeks in which a channel's sends
/// exceeded its weekly cap (a null cap counts as no budget: any send on it is a violation), the silo's sends per channel
/// counted from its decisions, member-weeks whose plan reported other sends than its decisions, and the opt-out scales
/// the plans priced opt-outs with, week by week of the trial.
/// </summary>
internal sealed record AuditCounts(long MemberWeeks, ChannelTotals Violations, ChannelTotals SiloSends, long PlanSentMismatches, IReadOnlyList<ScaleSum> OptOutScales)
{
    public static AuditCounts None { get; } = new(0, new ChannelTotals(0, 0, 0), new ChannelTotals(0, 0, 0), 0, []);

    public static AuditCounts operator +(AuditCounts a, AuditCounts b) => new(
        a.MemberWeeks + b.MemberWeeks,
        a.Violations + b.Violations,
        a.SiloSends + b.SiloSends,
        a.PlanSentMismatches + b.PlanSentMismatches,
        [.. Enumerable.Range(0, Math.Max(a.OptOutScales.Count, b.OptOutScales.Count)).Select(w => Week(a, w) + Week(b, w))]);

    private static ScaleSum Week(AuditCounts counts, int week) => week < counts.OptOutScales.Count ? counts.OptOutScales[week] : ScaleSum.None;
}

/// <summary>The push and email opt-out scales of a week's calibrated plans, summed, and how many plans.</summary>
internal sealed record ScaleSum(double Push, double Email, long Plans)
{
    public static ScaleSum None { get; } = new(0, 0, 0);

    public static ScaleSum operator +(ScaleSum a, ScaleSum b) => new(a.Push + b.Push, a.Email + b.Email, a.Plans + b.Plans);

    /// <summary>The mean push and email scale, 1 (the model as it is) when no plan was calibrated.</summary>
    public (double Push, double Email) Mean => Plans == 0 ? (1, 1) : (Push / Plans, Email / Plans);
}
