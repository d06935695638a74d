using NotificationActors.Policy.Actions;
using NotificationActors.Policy.Fast;
using NotificationActors.Policy.Pacing;

namespace NotificationActors.Policy.Tests.Support;

/// <summary>Member contexts for fast-policy tests: a plan with budget left and nothing sent yet.</summary>
internal static class Contexts
{
    public static MemberContext WithBudget(int push = 3, int email = 1, int inApp = 0) => new()
    {
        Budget = new ChannelCounts(push, email, inApp),
        WeekEnd = WeekSimulator.Week.End,
        PushRates = new OpportunityRates(7, 0, 0),
        EmailRates = new OpportunityRates(7, 0, 0),
        InAppRates = new OpportunityRates(0, 0, 7),
    };

    public static HashSet<string> Set(params string[] items) => new(items, StringComparer.Ordinal);
}
