using System.Globalization;
using NotificationActors.Abstractions.Members;
using NotificationActors.Simulation.Population;
using NotificationActors.Simulation.World;
using Xunit.Abstractions;

namespace NotificationActors.Simulation.Tests.World;

public class EngagementTests(ITestOutputHelper output)
{
    [Fact]
    public void HeavyViewersEngageMoreThanRegularOnesWhoEngageMoreThanCasualOnes()
    {
        var world = new SimulatedWorld(31, null, 3000);
        var days = world.Members.ToDictionary(m => m, m => WorldDriver.Weeks(m, WorldDriver.Monday, 4, 0, 0).Average());
        var byCohort = days.GroupBy(p => p.Key.Traits.Cohort).ToDictionary(g => g.Key, g => g.Average(p => p.Value));
        output.WriteLine(string.Join(", ", byCohort.OrderBy(p => p.Key).Select(p => $"{p.Key} {p.Value:F2} days/week")));

        Assert.InRange(byCohort[Cohort.Casual], 0.5, 2.2);
        Assert.InRange(byCohort[Cohort.Regular], 2.2, 4.6);
        Assert.InRange(byCohort[Cohort.Heavy], 4.6, 7);
    }

    [Fact]
    public void TheMarginalEngagedDaysPerExtraWeeklyMessageShrink()
    {
        // Exact plans of 0, 2, 5 and 10 pushes a week, four weeks each, for the same members (common random numbers).
        int[] levels = [0, 2, 5, 10];
        var days = levels.Select(push => PushOnlyDays(push)).ToArray();
        var marginal = Enumerable.Range(1, levels.Length - 1).Select(i => (days[i] - days[i - 1]) / (levels[i] - levels[i - 1])).ToArray();
        output.WriteLine($"engaged days/week at {string.Join(", ", levels.Zip(days, (l, d) => $"{l}: {d:F3}"))}; marginal {string.Join(", ", marginal.Select(m => m.ToString("F4", CultureInfo.InvariantCulture)))}");

        Assert.True(marginal[0] > 0.02, "the first messages lift engagement");
        Assert.True(marginal[0] > marginal[1] && marginal[1] > marginal[2], "each extra message adds less");

        static double PushOnlyDays(int push)
        {
            var world = new SimulatedWorld(32, null, 2500);
            var members = world.Members.Where(m => m.IsOpen(MessageChannel.Push) && m.Traits.Cohort != Cohort.Heavy).ToList();
            return members.Average(m => WorldDriver.ExactWeeks(world, m, WorldDriver.Monday, 4, push, 0).Average());
        }
    }

    [Fact]
    public void TheOraclesExpectedEngagementIsConcaveInFrequency()
    {
        var world = new SimulatedWorld(33, null, 1500);
        var oracles = world.Members.Where(m => m.IsOpen(MessageChannel.Push)).Select(m => m.Oracle(WorldDriver.Start(WorldDriver.Monday))).ToList();
        var curve = Enumerable.Range(0, 14).Select(p => oracles.Average(o => o.ValueOf(p, 0).EngagedDays)).ToArray();
        output.WriteLine("E[engaged days | push p, no email]: " + string.Join(" ", curve.Select(c => c.ToString("F3", CultureInfo.InvariantCulture))));

        // Gains over successive bands of the grid shrink (single steps wiggle slightly with how sends fall on days).
        double Gain(int from, int to) => (curve[to] - curve[from]) / (to - from);
        Assert.True(Gain(0, 2) > Gain(2, 5));
        Assert.True(Gain(2, 5) > Gain(5, 9));
        Assert.True(Gain(5, 9) > Gain(9, 13));
    }

    [Fact]
    public void FloodingLowersLongTermEngagementThroughFatigueAndOptOuts()
    {
        // 26 weeks of a moderate plan and of the grid's maximum, through the world's own opportunities.
        var moderate = Run(3, 1);
        var flood = Run(13, 6);
        var none = Run(0, 0);
        output.WriteLine($"last 8 weeks, engaged days/week: none {none.LateDays:F3}, moderate {moderate.LateDays:F3}, flood {flood.LateDays:F3}; " +
            $"push opt-outs: moderate {moderate.PushOptOuts:P1}, flood {flood.PushOptOuts:P1}");

        Assert.True(moderate.LateDays > none.LateDays, "a moderate plan helps in the long run");
        Assert.True(flood.LateDays < moderate.LateDays - 0.05, "a flood does worse than a moderate plan in the long run");
        Assert.True(flood.PushOptOuts > 3 * moderate.PushOptOuts);

        static (double LateDays, double PushOptOuts) Run(int push, int email)
        {
            var world = new SimulatedWorld(34, null, 1500);
            var weeks = world.Members.Select(m => WorldDriver.Weeks(m, WorldDriver.Monday, 26, push, email)).ToList();
            var pushMembers = world.Members.Where(m => m.Traits.InitiallyOptedIn.HasFlag(Policy.Actions.ChannelSet.Push)).ToList();
            return (weeks.Average(w => w.Skip(18).Average()),
                pushMembers.Count(m => !m.IsOpen(MessageChannel.Push)) / (double)pushMembers.Count);
        }
    }

    [Fact]
    public void FloodingLowersHeavyViewersEngagementBelowSendingNothing()
    {
        var world = new SimulatedWorld(35, null, 2000);
        var heavy = world.Members.Where(m => m.Traits.Cohort == Cohort.Heavy && m.IsOpen(MessageChannel.Push)).Select(m => m.Oracle(WorldDriver.Start(WorldDriver.Monday))).ToList();

        Assert.True(heavy.Average(o => o.ValueOf(13, 6).EngagedDays) < heavy.Average(o => o.ValueOf(0, 0).EngagedDays));
        Assert.True(heavy.Average(o => o.ValueOf(13, 6).Value) < heavy.Average(o => o.ValueOf(0, 0).Value));
    }
}
