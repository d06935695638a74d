using System.Text;
using NotificationActors.Simulation.World;

namespace NotificationActors.Simulation.Tests.World;

public class DeterminismTests
{
    private const int Members = 40;
    private const int Weeks = 3;

    [Fact]
    public void TheSameSeedGivesIdenticalMemberOutcomes()
    {
        foreach (var seed in new[] { 1, 7, 12345 })
        {
            Assert.Equal(MemberByMember(new SimulatedWorld(seed, null, Members)), MemberByMember(new SimulatedWorld(seed, null, Members)));
        }
    }

    [Fact]
    public void DifferentSeedsGiveDifferentWorlds()
    {
        Assert.NotEqual(MemberByMember(new SimulatedWorld(1, null, Members)), MemberByMember(new SimulatedWorld(2, null, Members)));
    }

    [Fact]
    public void ProcessingOrderAndInterleavingDoNotChangeAnyMembersResults()
    {
        var sequential = MemberByMember(new SimulatedWorld(3, null, Members));

        // Day by day across members, members in reverse order.
        var world = new SimulatedWorld(3, null, Members);
        var traces = Enumerable.Range(0, Members).Select(_ => new StringBuilder()).ToArray();
        for (var day = 0; day < 7 * Weeks; day++)
        {
            for (var i = Members - 1; i >= 0; i--)
            {
                WorldDriver.Day(world[i], WorldDriver.Monday.AddDays(day), day % 7, Push(i), Email(i), traces[i], InApp(i));
            }
        }

        Assert.Equal(sequential, traces.Select(t => t.ToString()).ToArray());

        // Concurrently, as grains on a silo's threads.
        var concurrentWorld = new SimulatedWorld(3, null, Members);
        var concurrent = new string[Members];
        Parallel.For(0, Members, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => concurrent[i] = Trace(concurrentWorld[i], i));
        Assert.Equal(sequential, concurrent);
    }

    [Fact]
    public void AMembersTraitsDoNotDependOnTheWorldsSize()
    {
        var small = new SimulatedWorld(5, null, 10);
        var large = new SimulatedWorld(5, null, 500);

        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(small[i].Traits.BaseActivity, large[i].Traits.BaseActivity);
            Assert.Equal(small[i].Traits.Taste, large[i].Traits.Taste);
            Assert.Equal(small[i].Observed, large[i].Observed);
            Assert.Equal(Trace(small[i], i), Trace(large[i], i));
        }
    }

    [Fact]
    public void TheOracleNeitherConsumesNorDisturbsTheMembersStream()
    {
        var plain = MemberByMember(new SimulatedWorld(9, null, Members));
        var world = new SimulatedWorld(9, null, Members);
        var withOracle = new string[Members];
        for (var i = 0; i < Members; i++)
        {
            var trace = new StringBuilder();
            for (var w = 0; w < Weeks; w++)
            {
                var first = WorldDriver.Monday.AddDays(7 * w);
                var before = world[i].Oracle(WorldDriver.Start(first));
                var again = world[i].Oracle(WorldDriver.Start(first));
                Assert.Equal(before.Actions, again.Actions);
                Assert.Equal(before.InAppCaps, again.InAppCaps);
                for (var d = 0; d < 7; d++) WorldDriver.Day(world[i], first.AddDays(d), d, Push(i), Email(i), trace, InApp(i));
            }

            withOracle[i] = trace.ToString();
        }

        Assert.Equal(plain, withOracle);
    }

    [Fact]
    public void TitleLaunchesAreSharedByEveryMemberAndFixedBySeed()
    {
        var world = new SimulatedWorld(4, null, 3);
        var again = new SimulatedWorld(4, null, 3);
        for (var d = 0; d < 28; d++)
        {
            var day = WorldDriver.Monday.AddDays(d);
            Assert.Equal(world.LaunchesOn(day), again.LaunchesOn(day));
            foreach (var member in world.Members)
            {
                var launches = member.OpportunitiesOn(day).Where(o => o.Kind == Abstractions.Members.OpportunityType.Launch).Select(o => o.Time);
                Assert.Equal(world.LaunchesOn(day).Select(l => l.Time), launches);
                member.EndOfDay(day);
            }
        }
    }

    private static string[] MemberByMember(SimulatedWorld world) =>
        [.. Enumerable.Range(0, world.MemberCount).Select(i => Trace(world[i], i))];

    private static string Trace(SimulatedMember member, int i)
    {
        var trace = new StringBuilder();
        WorldDriver.Weeks(member, WorldDriver.Monday, Weeks, Push(i), Email(i), trace, InApp(i));
        return trace.ToString();
    }

    // Members get different plans, so the traces cover sends on every channel and idle members.
    private static int Push(int i) => i % 8;

    private static int Email(int i) => i % 4;

    private static int InApp(int i) => 7 * (i % 3) / 2;
}
