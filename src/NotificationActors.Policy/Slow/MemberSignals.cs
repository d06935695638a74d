namespace NotificationActors.Policy.Slow;

/// <summary>
/// How a member's recent signals scale what a message can do for them, shared by the parametric prior and the in-app
/// cap so both read dismissals and falling opens alike: a member who dismisses more than most, or has stopped opening,
/// is less receptive; one who opts out elsewhere or has lapsed is more likely to opt out.
/// </summary>
public static class MemberSignals
{
    /// <summary>
    /// Share of messages a typical member is assumed to dismiss when the population's usual share is unknown
    /// (<see cref="MemberFeatures.UsualDismissRate"/> of 0); only dismissals beyond the usual lower receptiveness.
    /// </summary>
    public const double ReferenceDismissRate = 0.1;

    /// <summary>How far a dismiss rate of 1 lowers receptiveness.</summary>
    public const double DismissDrag = 2.5;

    /// <summary>How much a trend of -1 in the open rate lowers receptiveness (proportionally).</summary>
    public const double TrendWeight = 3;

    private const double MinReceptiveness = 0.1;
    private const double MaxReceptiveness = 1.5;

    /// <summary>
    /// A factor on a message's effect, 1 for a member behaving as usual: dismissing no more than members like them
    /// (<see cref="MemberFeatures.UsualDismissRate"/>) and opening as they used to.
    /// </summary>
    public static double Receptiveness(in MemberFeatures member)
    {
        var usual = member.UsualDismissRate > 0 ? member.UsualDismissRate : ReferenceDismissRate;
        var excessDismiss = Math.Max(0, member.DismissRate - usual) / (1 - usual);
        var factor = (1 - (DismissDrag * excessDismiss)) * (1 + (TrendWeight * member.OpenRateTrend));
        return Math.Clamp(factor, MinReceptiveness, MaxReceptiveness);
    }

    /// <summary>A factor on every opt-out hazard: an opt-out elsewhere and a lapse raise it.</summary>
    public static double OptOutRisk(in MemberFeatures member, double optOutElsewhere, double lapse) =>
        (1 + (optOutElsewhere * member.RecentOptOut)) * (1 + (lapse * member.DaysSinceEngaged / MemberFeatures.MaxDaysSinceEngaged));
}
