using NotificationActors.Abstractions.Members;
using NotificationActors.FieldTrial.World;

namespace NotificationActors.FieldTrial.Tests;

public sealed class WorldDeterminismTests
{
    private const int Members = 60;
    private const int Days = 28;

    [Fact]
    public void The_same_seed_gives_the_same_outcomes_whatever_order_members_live_in()
    {
        var dayByDay = Live(new Population(WorldFile.Defaults, seed: 7, Members), memberOrder: Enumerable.Range(0, Members), dayMajor: true);
        var backwards = Live(new Population(WorldFile.Defaults, seed: 7, Members), memberOrder: Enumerable.Range(0, Members).Reverse(), dayMajor: false);
        var shuffled = Live(new Population(WorldFile.Defaults, seed: 7, Members), memberOrder: Enumerable.Range(0, Members).OrderBy(i => (i * 37) % Members), dayMajor: true);

        Assert.Equal(dayByDay, backwards);
        Assert.Equal(dayByDay, shuffled);
    }

    [Fact]
    public void Another_seed_gives_another_world()
    {
        var one = Live(new Population(WorldFile.Defaults, seed: 7, Members), Enumerable.Range(0, Members), dayMajor: true);
        var other = Live(new Population(WorldFile.Defaults, seed: 8, Members), Enumerable.Range(0, Members), dayMajor: true);

        Assert.NotEqual(one, other);
    }

    [Fact]
    public void A_population_of_more_members_starts_with_the_same_first_members()
    {
        var small = new Population(WorldFile.Defaults, seed: 3, 10);
        var large = new Population(WorldFile.Defaults, seed: 3, 1000);

        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(small.Members[i] with { Interest = [] }, large.Members[i] with { Interest = [] });
            Assert.Equal(small.Members[i].Interest, large.Members[i].Interest);
            Assert.Equal(
                small.Opportunities(small.Members[i], 5).SelectMany(o => o.Candidates),
                large.Opportunities(large.Members[i], 5).SelectMany(o => o.Candidates));
        }
    }

    // Every member gets the most relevant push each evening and the most relevant in-app message each morning, so
    // the days exercise deliveries, responses, visits, in-app waste and opt-outs.
    private static string[] Live(Population population, IEnumerable<int> memberOrder, bool dayMajor)
    {
        var order = memberOrder.ToArray();
        var members = population.Members.Select(population.Spawn).ToArray();
        var outcomes = new string[Members * Days];
        void LiveOne(int m, int day)
        {
            var opportunities = population.Opportunities(members[m].Traits, day);
            var sends = new[] { Worlds.BestOn(opportunities[0], MessageChannel.InApp), Worlds.BestOn(opportunities[1], MessageChannel.Push) };
            outcomes[(m * Days) + day] = Worlds.Describe(members[m].Live(day, sends));
        }

        if (dayMajor)
        {
            for (var day = 0; day < Days; day++)
            {
                foreach (var m in order) LiveOne(m, day);
            }
        }
        else
        {
            foreach (var m in order)
            {
                for (var day = 0; day < Days; day++) LiveOne(m, day);
            }
        }

        return outcomes;
    }
}
