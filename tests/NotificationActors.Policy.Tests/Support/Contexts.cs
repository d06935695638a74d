using NotificationActors.Policy.Actions;
using NotificationActors.Policy.Fast;
using NotificationActors.Policy.Pacing;

namespace NotificationActors.Policy.Tests.Support;

/// <summary>Member contexts for fast-policy tests: a plan with budget left and nothing sent yet.</summary>
internal static class Contexts
{
    public static MemberContext WithBudget(int push = 3, int email = 1) => new()
    {
        Budget = new ChannelCounts(push, email, 0),
        WeekEnd = WeekSimulator.Week.End,
        PushRates = new OpportunityRates(7, 0, 0),
        EmailRates = new OpportunityRates(7, 0, 0),
    };

    public static HashSet<string> Set(params string[] items) => new(items, StringComparer.Ordinal);
}
