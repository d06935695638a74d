namespace NotificationActors.Grains.Members;

/// <summary>
/// Folds a closed week into the member's learned features: exponentially weighted, so recent weeks count most
/// and a member's behaviour can change. Weeks with no call at all count as weeks with no activity and no sends. The
/// averages of activity and exposure start from what an import said of the weeks before the grain's first
/// (<see cref="Seed"/>).
/// </summary>
internal static class WeeklyLearning
{
    /// <summary>Weight kept by the past each week.</summary>
    private const double Retention = 0.7;

    /// <summary>Weight the long-run open rate keeps each week: slow, so a fall in the recent rate stands out against it.</summary>
    private const double LongRunRetention = 0.92;

    /// <summary>Weight a recent opt-out keeps each week: it says most in the week or two after it.</summary>
    private const double OptOutRetention = 0.5;

    /// <summary>Most silent weeks folded in; beyond this the features have decayed enough.</summary>
    private const int MaxSilentWeeks = 12;

    /// <summary>Most pushes or emails a week an import's recent exposure is read at; a larger value is ignored.</summary>
    private const double MaxImportedPerWeek = 100;

    public static void Fold(LearnedFeatures learned, WeekState week, int silentWeeksAfter, IReadOnlyDictionary<string, double> imported)
    {
        Seed(learned, imported);
        Decay(learned, week.EngagedDays, week.PushSent, week.EmailSent, week.InAppSent, week.Opportunities);
        var pushOpens = Count(week, "push.opened");
        var emailOpens = Count(week, "email.opened");
        var inAppOpens = Count(week, "inapp.opened");
        learned.PushOpens += pushOpens;
        learned.EmailOpens += emailOpens;
        learned.InAppOpens += inAppOpens;
        learned.LongRunOpens += pushOpens + emailOpens + inAppOpens;
        learned.Dismisses += Dismissals(week);
        if (week.OptedOut.Count > 0) learned.RecentOptOut = 1;
        learned.WeeksClosed++;
        for (var i = 0; i < Math.Min(silentWeeksAfter, MaxSilentWeeks); i++)
        {
            Decay(learned, engagedDays: 0, pushSent: 0, emailSent: 0, inAppSent: 0, opportunities: null);
            learned.WeeksClosed++;
        }
    }

    private static void Decay(LearnedFeatures learned, int engagedDays, int pushSent, int emailSent, int inAppSent, int[]? opportunities)
    {
        learned.EngagedDaysPerWeek = learned.EngagedDaysPerWeek is { } days ? (Retention * days) + ((1 - Retention) * engagedDays) : engagedDays;
        learned.RecentPushPerWeek = (Retention * learned.RecentPushPerWeek) + ((1 - Retention) * pushSent);
        learned.RecentEmailPerWeek = (Retention * learned.RecentEmailPerWeek) + ((1 - Retention) * emailSent);
        learned.RecentInAppPerWeek = (Retention * learned.RecentInAppPerWeek) + ((1 - Retention) * inAppSent);
        learned.PushSends = (Retention * learned.PushSends) + pushSent;
        learned.EmailSends = (Retention * learned.EmailSends) + emailSent;
        learned.InAppSends = (Retention * learned.InAppSends) + inAppSent;
        learned.LongRunSends = (LongRunRetention * learned.LongRunSends) + pushSent + emailSent + inAppSent;
        learned.PushOpens *= Retention;
        learned.EmailOpens *= Retention;
        learned.InAppOpens *= Retention;
        learned.LongRunOpens *= LongRunRetention;
        learned.Dismisses *= Retention;
        learned.RecentOptOut *= OptOutRetention;
        if (opportunities is not null)
        {
            var seen = OpportunityCounts.Widen(opportunities);
            var rates = learned.OpportunitiesPerWeek is { } old ? OpportunityCounts.Widen(old) : null;
            var folded = new double[OpportunityCounts.Length];
            for (var i = 0; i < folded.Length; i++)
            {
                folded[i] = rates is null ? seen[i] : (Retention * rates[i]) + ((1 - Retention) * seen[i]);
            }

            learned.OpportunitiesPerWeek = folded;
        }
    }

    /// <summary>
    /// Before the member's first week closes, starts the averages of engaged days and of pushes and emails sent from the
    /// import's (<c>engagedDaysPerWeek</c>, <c>recentPushPerWeek</c>, <c>recentEmailPerWeek</c>), as if the grain had
    /// folded those weeks itself; later, or for a value out of range, leaves them. Without it a member the platform had
    /// sent five pushes a week was planned in their first week as one sent none, and from their second as if that one
    /// week's engaged days were their habit.
    /// </summary>
    public static void Seed(LearnedFeatures learned, IReadOnlyDictionary<string, double> imported)
    {
        if (learned.WeeksClosed > 0) return;
        if (MemberFeatureBuilder.Imported(imported, "engagedDaysPerWeek", 0, 7) is { } days) learned.EngagedDaysPerWeek = days;
        if (MemberFeatureBuilder.Imported(imported, "recentPushPerWeek", 0, MaxImportedPerWeek) is { } push) learned.RecentPushPerWeek = push;
        if (MemberFeatureBuilder.Imported(imported, "recentEmailPerWeek", 0, MaxImportedPerWeek) is { } email) learned.RecentEmailPerWeek = email;
    }

    /// <summary>Messages of the week dismissed, on every channel.</summary>
    public static int Dismissals(WeekState week) => Count(week, "push.dismissed") + Count(week, "email.dismissed") + Count(week, "inapp.dismissed");

    private static int Count(WeekState week, string outcome) => week.Outcomes.GetValueOrDefault(outcome);
}
