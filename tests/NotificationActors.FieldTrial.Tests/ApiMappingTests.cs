using NotificationActors.Abstractions.Members;
using NotificationActors.FieldTrial.Silo;
using NotificationActors.FieldTrial.World;
using NotificationActors.Grains.Validation;

namespace NotificationActors.FieldTrial.Tests;

public sealed class ApiMappingTests
{
    private static readonly DateTimeOffset Origin = new(2026, 12, 7, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_member_day_call_is_valid_traffic_on_the_silo_s_clock()
    {
        var population = new Population(Worlds.Visiting(1 - 1e-9), seed: 2, 1);
        var member = population.Spawn(population.Members[0]);
        var yesterday = population.Opportunities(member.Traits, 0);
        var outcome = member.Live(0, [Worlds.BestOn(yesterday[0], MessageChannel.Push), Worlds.BestOn(yesterday[1], MessageChannel.InApp)]);
        var today = population.Opportunities(member.Traits, 1);

        var traffic = ApiMapping.Traffic("ft-s2-m0", outcome, today, Origin);

        Assert.Empty(RequestValidator.Traffic(traffic));
        Assert.Equal(outcome.Reactions.Count, traffic.Feedback.Count);
        Assert.Contains(traffic.Activity, a => a.Type == ActivityType.Session && a.Time.Date == Origin.Date);
        Assert.Equal([Origin.AddDays(1).AddHours(8), Origin.AddDays(1).AddHours(19)], traffic.Opportunities.Select(o => o.Time));
        Assert.All(traffic.Opportunities.SelectMany(o => o.Candidates), c => Assert.Equal(Origin.AddDays(1).AddHours(8 + 48), c.ExpiresAt!.Value, TimeSpan.FromHours(11)));
    }

    [Fact]
    public void An_opt_out_is_reported_with_its_channel()
    {
        var reaction = new Reaction("s1.m0.d3.o0.email0", MessageChannel.Email, ReactionKind.OptedOut, TimeSpan.FromHours(80));

        var feedback = ApiMapping.Feedback(reaction, Origin);

        Assert.Equal(FeedbackType.OptedOut, feedback.Type);
        Assert.Equal(MessageChannel.Email, feedback.Channel);
        Assert.Equal(Origin.AddHours(80), feedback.Time);
        Assert.Empty(RequestValidator.Feedback(feedback));
    }
}
