namespace NotificationActors.Grains.Members;

/// <summary>
/// Folds a closed week into the member's learned features: exponentially weighted, so recent weeks count most
/// and a member's behaviour can change. Weeks with no call at all count as weeks with no activity and no sends.
/// </summary>
internal static class WeeklyLearning
{
    /// <summary>Weight kept by the past each week.</summary>
    private const double Retention = 0.7;

    /// <summary>Most silent weeks folded in; beyond this the features have decayed enough.</summary>
    private const int MaxSilentWeeks = 12;

    public static void Fold(LearnedFeatures learned, WeekState week, int silentWeeksAfter)
    {
        Decay(learned, week.EngagedDays, week.PushSent, week.EmailSent, week.Opportunities);
        learned.PushOpens += Count(week, "push.opened");
        learned.EmailOpens += Count(week, "email.opened");
        learned.Dismisses += Count(week, "push.dismissed") + Count(week, "email.dismissed") + Count(week, "inapp.dismissed");
        learned.WeeksClosed++;
        for (var i = 0; i < Math.Min(silentWeeksAfter, MaxSilentWeeks); i++)
        {
            Decay(learned, engagedDays: 0, pushSent: 0, emailSent: 0, opportunities: null);
            learned.WeeksClosed++;
        }
    }

    private static void Decay(LearnedFeatures learned, int engagedDays, int pushSent, int emailSent, int[]? opportunities)
    {
        learned.EngagedDaysPerWeek = learned.EngagedDaysPerWeek is { } days ? (Retention * days) + ((1 - Retention) * engagedDays) : engagedDays;
        learned.RecentPushPerWeek = (Retention * learned.RecentPushPerWeek) + ((1 - Retention) * pushSent);
        learned.RecentEmailPerWeek = (Retention * learned.RecentEmailPerWeek) + ((1 - Retention) * emailSent);
        learned.PushSends = (Retention * learned.PushSends) + pushSent;
        learned.EmailSends = (Retention * learned.EmailSends) + emailSent;
        learned.PushOpens *= Retention;
        learned.EmailOpens *= Retention;
        learned.Dismisses *= Retention;
        if (opportunities is not null)
        {
            var rates = learned.OpportunitiesPerWeek;
            learned.OpportunitiesPerWeek = rates is null
                ? opportunities.Select(o => (double)o).ToArray()
                : rates.Zip(opportunities, (old, seen) => (Retention * old) + ((1 - Retention) * seen)).ToArray();
        }
    }

    private static int Count(WeekState week, string outcome) => week.Outcomes.GetValueOrDefault(outcome);
}
