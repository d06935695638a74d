using NotificationActors.Abstractions.Members;
using NotificationActors.FieldTrial.World;

namespace NotificationActors.FieldTrial.Tests;

public sealed class WorldBehaviourTests
{
    [Fact]
    public void An_in_app_message_on_a_day_without_a_visit_is_wasted_and_changes_nothing()
    {
        var population = new Population(Worlds.Visiting(1e-9), seed: 1, 1);
        var member = population.Spawn(population.Members[0]);
        var morning = population.Opportunities(member.Traits, 0)[0];

        var outcome = member.Live(0, [Worlds.BestOn(morning, MessageChannel.InApp)]);

        Assert.False(outcome.Engaged);
        Assert.Equal(1, outcome.InAppWasted);
        Assert.Empty(outcome.Reactions);
        Assert.Equal(0, member.Annoyance);
    }

    [Fact]
    public void An_in_app_message_is_seen_during_the_day_s_visit_and_annoys_less_than_a_push()
    {
        var population = new Population(Worlds.Visiting(1 - 1e-9), seed: 1, 2);
        var inApp = population.Spawn(population.Members[0]);
        var push = population.Spawn(population.Members[1]);

        var evening = population.Opportunities(inApp.Traits, 0)[1];
        var seen = inApp.Live(0, [Worlds.BestOn(evening, MessageChannel.InApp)]);
        push.Live(0, [Worlds.BestOn(population.Opportunities(push.Traits, 0)[1], MessageChannel.Push)]);

        Assert.True(seen.Engaged);
        Assert.Equal(0, seen.InAppWasted);
        Assert.Equal(ReactionKind.Delivered, seen.Reactions[0].Kind);
        Assert.Equal(seen.Visit!.At > evening.At ? seen.Visit.At : evening.At, seen.Reactions[0].At);
        Assert.Equal(WorldFile.Defaults.Channels.InApp.Annoyance, inApp.Annoyance, 9);
        Assert.Equal(WorldFile.Defaults.Channels.Push.Annoyance, push.Annoyance, 9);
    }

    [Fact]
    public void Annoyance_is_one_across_channels_and_halves_over_its_half_life()
    {
        var population = new Population(Worlds.Visiting(1 - 1e-9), seed: 1, 1);
        var member = population.Spawn(population.Members[0]);
        var today = population.Opportunities(member.Traits, 0);
        member.Live(0, [Worlds.BestOn(today[0], MessageChannel.Email), Worlds.BestOn(today[1], MessageChannel.Push)]);
        var afterBoth = member.Annoyance;

        for (var day = 1; day <= 4; day++) member.Live(day, []);

        var channels = WorldFile.Defaults.Channels;
        Assert.Equal(channels.Email.Annoyance + channels.Push.Annoyance, afterBoth, 9);
        Assert.Equal(afterBoth / 2, member.Annoyance, 9);
    }

    [Fact]
    public void Annoyance_lowers_the_chance_to_visit_once_it_is_high()
    {
        // Pushes nobody opens: no habit to offset the drag.
        var population = new Population(WorldFile.Parse("""{ "channels": { "push": { "response": 0 } } }""", "test"), seed: 1, 1);
        var calm = population.Spawn(population.Members[0]);
        var pestered = population.Spawn(population.Members[0]);
        for (var day = 0; day < 7; day++)
        {
            calm.Live(day, []);
            pestered.Live(day, population.Opportunities(pestered.Traits, day).Select(o => Worlds.BestOn(o, MessageChannel.Push)).ToArray());
        }

        Assert.True(pestered.Annoyance > WorldFile.Defaults.Annoyance.VisitDragFrom);
        Assert.True(pestered.VisitChance < calm.VisitChance);
    }

    [Fact]
    public void A_member_who_left_a_channel_receives_nothing_more_on_it()
    {
        var world = WorldFile.Parse("""{ "channels": { "push": { "optOut": 0.5 } }, "annoyance": { "optOutSlope": 100 } }""", "test");
        var population = new Population(world, seed: 1, 1);
        var member = population.Spawn(population.Members[0]);
        var day = 0;
        while (!member.HasLeft(MessageChannel.Push))
        {
            member.Live(day, [Worlds.BestOn(population.Opportunities(member.Traits, day)[0], MessageChannel.Push)]);
            day++;
        }

        var after = member.Live(day, [Worlds.BestOn(population.Opportunities(member.Traits, day)[0], MessageChannel.Push)]);

        Assert.DoesNotContain(after.Reactions, r => r.Channel == MessageChannel.Push);
    }

    [Fact]
    public void Days_are_lived_in_order_with_at_most_one_message_per_opportunity()
    {
        var population = new Population(WorldFile.Defaults, seed: 1, 1);
        var member = population.Spawn(population.Members[0]);
        var morning = population.Opportunities(member.Traits, 0)[0];

        Assert.Throws<InvalidOperationException>(() => member.Live(1, []));
        Assert.Throws<ArgumentException>(() => member.Live(0, [Worlds.BestOn(morning, MessageChannel.Push), Worlds.BestOn(morning, MessageChannel.Email)]));
    }

    [Fact]
    public void Relevance_is_a_noisy_signal_of_interest()
    {
        var population = new Population(WorldFile.Defaults, seed: 1, 200);
        var candidates = population.Members.SelectMany(m => population.Opportunities(m, 0)).SelectMany(o => o.Candidates).ToArray();

        var correlation = Correlation(candidates.Select(c => c.Relevance).ToArray(), candidates.Select(c => c.Interest).ToArray());

        Assert.InRange(correlation, 0.6, 0.99);
        Assert.All(candidates, c => Assert.InRange(c.Relevance, 0, 1));
        Assert.Equal(candidates.Length, candidates.Select(c => c.MessageId).Distinct().Count());
    }

    private static double Correlation(double[] x, double[] y)
    {
        var (mx, my) = (x.Average(), y.Average());
        var cov = x.Zip(y).Sum(p => (p.First - mx) * (p.Second - my));
        return cov / Math.Sqrt(x.Sum(v => (v - mx) * (v - mx)) * y.Sum(v => (v - my) * (v - my)));
    }
}
