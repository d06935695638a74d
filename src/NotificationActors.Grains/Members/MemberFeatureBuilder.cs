using NotificationActors.Policy.Slow;
using NotificationActors.Policy.Time;

namespace NotificationActors.Grains.Members;

/// <summary>
/// Turns what a grain knows into the slow policy's features. Learned values win; imported features are the
/// priors of a member with little history (cold start from what the platform knows, never a default maximum).
/// </summary>
internal static class MemberFeatureBuilder
{
    /// <summary>Engaged days per week assumed for a member nobody knows anything about.</summary>
    private const double PopulationEngagedDays = 2.5;

    // Beta priors: a member's open rate starts at the population's and moves with evidence, about 20 sends' worth.
    private const double PriorStrength = 20;
    private const double PopulationPushOpenRate = 0.08;
    private const double PopulationEmailOpenRate = 0.15;
    private const double PopulationDismissRate = 0.1;

    public static MemberFeatures Build(MemberState state, IsoWeek week)
    {
        var imported = state.ImportedFeatures;
        var learned = state.Learned;
        var pushPrior = Imported(imported, "pushOpenRate", PopulationPushOpenRate, 0, 1);
        var emailPrior = Imported(imported, "emailOpenRate", PopulationEmailOpenRate, 0, 1);
        var sends = learned.PushSends + learned.EmailSends;
        return new MemberFeatures
        {
            EngagedDaysPerWeek = Math.Clamp(learned.EngagedDaysPerWeek ?? Imported(imported, "engagedDaysPerWeek", PopulationEngagedDays, 0, 7), 0, 7),
            TenureWeeks = imported.TryGetValue("tenureWeeks", out var tenure) && tenure >= 0
                ? tenure + learned.WeeksClosed
                : WeeksSince(state.FirstWeek, week),
            PushOpenRate = (learned.PushOpens + (pushPrior * PriorStrength)) / (learned.PushSends + PriorStrength),
            EmailOpenRate = (learned.EmailOpens + (emailPrior * PriorStrength)) / (learned.EmailSends + PriorStrength),
            DismissRate = Math.Clamp((learned.Dismisses + (PopulationDismissRate * PriorStrength)) / (sends + PriorStrength), 0, 1),
            RecentPushPerWeek = learned.RecentPushPerWeek,
            RecentEmailPerWeek = learned.RecentEmailPerWeek,
        };
    }

    private static double Imported(Dictionary<string, double> imported, string name, double fallback, double min, double max) =>
        imported.TryGetValue(name, out var value) && value >= min && value <= max ? value : fallback;

    private static double WeeksSince(string? firstWeek, IsoWeek week) =>
        IsoWeek.TryParse(firstWeek, out var first) ? Math.Max(0, (week.Start - first.Start).TotalDays / 7) : 0;
}
