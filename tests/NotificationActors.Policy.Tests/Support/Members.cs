using NotificationActors.Policy.Slow;

namespace NotificationActors.Policy.Tests.Support;

/// <summary>Seeded member features across the population: casual to heavy viewers, rested to fatigued.</summary>
internal static class Members
{
    public static MemberFeatures Random(int seed)
    {
        var random = new Random(seed);
        return new MemberFeatures
        {
            EngagedDaysPerWeek = random.NextDouble() * 6.9,
            TenureWeeks = random.NextDouble() * 200,
            PushOpenRate = 0.01 + (random.NextDouble() * 0.4),
            EmailOpenRate = 0.01 + (random.NextDouble() * 0.5),
            DismissRate = random.NextDouble() * 0.5,
            RecentPushPerWeek = random.NextDouble() * 10,
            RecentEmailPerWeek = random.NextDouble() * 5,
        };
    }
}
