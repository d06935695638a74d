using NotificationActors.Policy.Slow;
using NotificationActors.Policy.Time;

namespace NotificationActors.Grains.Members;

/// <summary>
/// Turns what a grain knows into the slow policy's features. An import's activity and exposure start the member's
/// running averages (<see cref="WeeklyLearning.Seed"/>) and its open rates their rates' priors; the priors of the
/// member's activity cohort stand in for what it lacks (cold start from members like it, never a default maximum),
/// and the member's own weeks move them all.
/// </summary>
internal static class MemberFeatureBuilder
{
    // Beta priors: a member's rates start at its cohort's and move with evidence, about 5 sends' worth. The evidence is
    // weighted by week (WeeklyLearning keeps 0.7 of it), so a member sent 3 a week carries about 10 sends: a stronger
    // prior would outweigh their own dismissals and opens for good.
    private const double PriorStrength = 5;

    // The recent open rate is read against the long-run one with a lighter prior, so two weeks of sends can move it.
    private const double TrendPriorStrength = 5;

    // Below 1, so that dismissals beyond the usual stay a share of what is left.
    private const double MaxUsualDismissRate = 0.95;

    /// <summary>
    /// The member's features for planning <paramref name="week"/>, as of its start (or <paramref name="at"/>, within it), from the
    /// state's learned features or <paramref name="learned"/> in their place.
    /// </summary>
    public static MemberFeatures Build(MemberState state, IsoWeek week, PopulationPriors priors, DateTimeOffset? at = null, LearnedFeatures? learned = null)
    {
        var imported = state.ImportedFeatures;
        learned ??= state.Learned;
        if (learned.WeeksClosed == 0)
        {
            // The first week plans from the import's activity and exposure, which the first closed week is folded into.
            learned = learned.Copy();
            WeeklyLearning.Seed(learned, imported);
        }

        var cohort = priors.For(Imported(imported, "engagedDaysPerWeek", 0, 7));
        var pushPrior = Imported(imported, "pushOpenRate", 0, 1) ?? cohort.PushOpenRate;
        var emailPrior = Imported(imported, "emailOpenRate", 0, 1) ?? cohort.EmailOpenRate;
        var inAppPrior = Imported(imported, "inAppOpenRate", 0, 1) ?? InAppOptions.DefaultReferenceOpenRate;
        var importedDismiss = Imported(imported, "dismissRate", 0, 1);
        var dismissPrior = importedDismiss ?? cohort.DismissRate;

        // The imported rate was measured under the platform's earlier messages; until members' shares under this policy are
        // measured, an assumed usual would read most imports as dismissing beyond it, so the member's own is their usual.
        var usualDismiss = priors.DismissRateAssumed && importedDismiss is { } own ? own : cohort.DismissRate;
        var sends = learned.PushSends + learned.EmailSends + learned.InAppSends;
        var longRunRate = (learned.LongRunOpens + ((pushPrior + emailPrior) / 2 * PriorStrength)) / (learned.LongRunSends + PriorStrength);
        var recentRate = (learned.PushOpens + learned.EmailOpens + learned.InAppOpens + (longRunRate * TrendPriorStrength)) / (sends + TrendPriorStrength);
        return new MemberFeatures
        {
            EngagedDaysPerWeek = Math.Clamp(learned.EngagedDaysPerWeek ?? cohort.EngagedDaysPerWeek, 0, 7),
            TenureWeeks = imported.TryGetValue("tenureWeeks", out var tenure) && tenure >= 0
                ? tenure + learned.WeeksClosed
                : WeeksSince(state.FirstWeek, week),
            PushOpenRate = (learned.PushOpens + (pushPrior * PriorStrength)) / (learned.PushSends + PriorStrength),
            EmailOpenRate = (learned.EmailOpens + (emailPrior * PriorStrength)) / (learned.EmailSends + PriorStrength),
            DismissRate = Math.Clamp((learned.Dismisses + (dismissPrior * PriorStrength)) / (sends + PriorStrength), 0, 1),
            RecentPushPerWeek = learned.RecentPushPerWeek,
            RecentEmailPerWeek = learned.RecentEmailPerWeek,
            InAppOpenRate = Math.Clamp((learned.InAppOpens + (inAppPrior * PriorStrength)) / (learned.InAppSends + PriorStrength), 0, 1),
            RecentInAppPerWeek = learned.RecentInAppPerWeek,
            OpenRateTrend = Math.Clamp(recentRate - longRunRate, -1, 1),
            RecentOptOut = Math.Clamp(learned.RecentOptOut, 0, 1),
            DaysSinceEngaged = DaysSinceEngaged(state.FirstWeek, learned.LastEngaged, at ?? week.Start),
            UsualDismissRate = Math.Clamp(usualDismiss, 0, MaxUsualDismissRate),
        };
    }

    // Unknown until the member's first activity, when it counts from the first week the grain saw them.
    private static double DaysSinceEngaged(string? firstWeek, DateTimeOffset? lastEngaged, DateTimeOffset at)
    {
        DateTimeOffset? since = lastEngaged ?? (IsoWeek.TryParse(firstWeek, out var first) ? first.Start : null);
        return since is { } last ? Math.Clamp((at - last).TotalDays, 0, MemberFeatures.MaxDaysSinceEngaged) : 0;
    }

    /// <summary>The imported feature <paramref name="name"/> if present and in [<paramref name="min"/>, <paramref name="max"/>]; null otherwise.</summary>
    internal static double? Imported(IReadOnlyDictionary<string, double> imported, string name, double min, double max) =>
        imported.TryGetValue(name, out var value) && value >= min && value <= max ? value : null;

    private static double WeeksSince(string? firstWeek, IsoWeek week) =>
        IsoWeek.TryParse(firstWeek, out var first) ? Math.Max(0, (week.Start - first.Start).TotalDays / 7) : 0;
}
