using NotificationActors.Policy.Slow;

namespace NotificationActors.Policy.Tests.Support;

/// <summary>Seeded member features across the population: casual to heavy viewers, rested to fatigued, steady to tiring.</summary>
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
            InAppOpenRate = random.NextDouble() * 0.5,
            RecentInAppPerWeek = random.NextDouble() * 7,
            OpenRateTrend = (random.NextDouble() - 0.5) * 0.3,
            RecentOptOut = random.Next(4) == 0 ? random.NextDouble() : 0,
            DaysSinceEngaged = random.NextDouble() * MemberFeatures.MaxDaysSinceEngaged,
            UsualDismissRate = 0.05 + (random.NextDouble() * 0.25),
        };
    }
}
