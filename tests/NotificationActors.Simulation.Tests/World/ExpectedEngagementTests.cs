using NotificationActors.Simulation.World;

namespace NotificationActors.Simulation.Tests.World;

/// <summary>A member's expected engaged days: the same days as the counted ones, without the organic visit's coin flip.</summary>
public sealed class ExpectedEngagementTests
{
    [Fact]
    public void ExpectedEngagedDaysAgreeWithTheCountedOnesAndVaryFarLess()
    {
        var world = new SimulatedWorld(41, null, 2000);
        var counted = new List<double>();
        var expected = new List<double>();
        foreach (var member in world.Members)
        {
            var days = WorldDriver.Weeks(member, WorldDriver.Monday, weeks: 2, push: 3, email: 1).Sum();
            counted.Add(days);
            expected.Add(member.ExpectedEngagedDays);
        }

        // Each day counts 1 with a play, else its chance of an organic visit: the counted days' mean, to sampling error.
        var (meanCounted, meanExpected) = (counted.Average(), expected.Average());
        var error = Math.Sqrt(counted.Zip(expected, (c, e) => (c - e) * (c - e)).Average() / counted.Count);
        Assert.InRange(meanExpected - meanCounted, -3 * error, 3 * error);
        // A day counts its organic chance, and 1 more for a play on a day without a visit: below 2 a day.
        Assert.All(expected, days => Assert.InRange(days, 0, 28));

        // Member by member the gap is the organic coin flips alone: far less than the spread between members.
        var gap = counted.Zip(expected, (c, e) => (c - e) * (c - e)).Average();
        Assert.True(gap < 0.5 * Variance(counted), $"gap {gap:F2} against a spread of {Variance(counted):F2}");
    }

    [Fact]
    public void MessagesThatComeOnlyOnDaysTheMemberCameAddNoExpectedDays()
    {
        // In-app messages show only in app sessions, so their plays fall on days the member came anyway. Counting 1 for
        // every day with a play gave the messages those days: with five in-app messages a week the mean rose above the
        // counted days' by 0.10 a member over two weeks, 6.7 standard errors (now 0.003).
        var world = new SimulatedWorld(43, null, 10_000);
        var counted = new List<double>();
        var expected = new List<double>();
        foreach (var member in world.Members)
        {
            counted.Add(WorldDriver.Weeks(member, WorldDriver.Monday, weeks: 2, push: 0, email: 0, inApp: 5).Sum());
            expected.Add(member.ExpectedEngagedDays);
        }

        var error = Math.Sqrt(counted.Zip(expected, (c, e) => (c - e) * (c - e)).Average() / counted.Count);
        Assert.True(Math.Abs(expected.Average() - counted.Average()) < 3 * error,
            $"expected {expected.Average():0.0000} against counted {counted.Average():0.0000} (standard error {error:0.0000})");
    }

    private static double Variance(List<double> values)
    {
        var mean = values.Average();
        return values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1);
    }
}
