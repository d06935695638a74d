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
        Assert.All(expected.Zip(counted), pair => Assert.InRange(pair.First, 0, 14));

        // Member by member the gap is the organic coin flips alone: far less than the spread between members.
        var gap = counted.Zip(expected, (c, e) => (c - e) * (c - e)).Average();
        Assert.True(gap < 0.5 * Variance(counted), $"gap {gap:F2} against a spread of {Variance(counted):F2}");
    }

    private static double Variance(List<double> values)
    {
        var mean = values.Average();
        return values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1);
    }
}
