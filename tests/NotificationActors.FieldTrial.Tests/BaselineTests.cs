using NotificationActors.Abstractions.Members;
using NotificationActors.FieldTrial.Policies;
using NotificationActors.FieldTrial.Trial;
using NotificationActors.FieldTrial.World;

namespace NotificationActors.FieldTrial.Tests;

public sealed class BaselineTests
{
    private const int Weeks = 4;

    [Fact]
    public void Twice_a_week_sends_exactly_two_a_week_to_every_member_while_channels_are_open()
    {
        var population = new Population(Worlds.WithoutOptOuts, seed: 5, 150);
        var arm = new BaselineArm(new TwiceAWeekPolicy(), population);
        var weekly = new int[arm.Participants.Count, Weeks];

        for (var day = 0; day < Weeks * 7; day++)
        {
            var before = arm.Participants.Select(Total).ToArray();
            arm.LiveDay(day);
            for (var m = 0; m < arm.Participants.Count; m++) weekly[m, day / 7] += Total(arm.Participants[m]) - before[m];
        }

        Assert.All(Enumerable.Range(0, arm.Participants.Count), m => Assert.All(Enumerable.Range(0, Weeks), w => Assert.Equal(2, weekly[m, w])));
    }

    [Fact]
    public void Twice_a_week_sends_on_Tuesday_and_Friday_mornings_only()
    {
        var population = new Population(WorldFile.Defaults, seed: 5, 3);
        var policy = new TwiceAWeekPolicy();

        var sendingDays = Enumerable.Range(0, 14)
            .SelectMany(day => population.Opportunities(population.Members[0], day))
            .Where(o => policy.Choose(o, new HashSet<MessageChannel>()) is not null)
            .Select(o => (o.Day, o.Slot))
            .ToArray();

        Assert.Equal([(1, 0), (4, 0), (8, 0), (11, 0)], sendingDays);
    }

    [Fact]
    public void Twice_a_week_picks_the_most_relevant_candidate_on_a_channel_the_member_has_not_left()
    {
        var population = new Population(WorldFile.Defaults, seed: 5, 1);
        var tuesday = population.Opportunities(population.Members[0], 1)[0];
        var policy = new TwiceAWeekPolicy();

        var open = policy.Choose(tuesday, new HashSet<MessageChannel>());
        var onlyInApp = policy.Choose(tuesday, new HashSet<MessageChannel> { MessageChannel.Push, MessageChannel.Email });
        var none = policy.Choose(tuesday, new HashSet<MessageChannel> { MessageChannel.Push, MessageChannel.Email, MessageChannel.InApp });

        Assert.Equal(tuesday.Candidates.Max(c => c.Relevance), open!.Relevance);
        Assert.Equal(MessageChannel.InApp, onlyInApp!.Channel);
        Assert.Null(none);
    }

    [Fact]
    public void Twice_a_week_stops_using_a_channel_once_feedback_says_the_member_left_it()
    {
        var population = new Population(WorldFile.Parse("""{ "channels": { "push": { "optOut": 0.5 }, "email": { "optOut": 0.5 }, "inapp": { "optOut": 0.5 } } }""", "test"), seed: 5, 100);
        var arm = new BaselineArm(new TwiceAWeekPolicy(), population);

        for (var day = 0; day < 8 * 7; day++) arm.LiveDay(day);

        // Members learn to leave fast here; a send after feedback reported a channel left would reach nobody.
        Assert.Contains(arm.Participants, p => p.OptOuts == 3);
        Assert.All(arm.Participants, p => Assert.True(Total(p) <= 2 * 8));
        Assert.All(arm.Participants.Where(p => p.OptOuts == 3), p => Assert.True(Total(p) < 2 * 8));
    }

    [Fact]
    public void Never_sends_nothing_and_nobody_leaves()
    {
        var population = new Population(WorldFile.Defaults, seed: 5, 200);
        var arm = new BaselineArm(new NeverPolicy(), population);

        for (var day = 0; day < Weeks * 7; day++) arm.LiveDay(day);

        Assert.All(arm.Participants, p => Assert.Equal(0, Total(p)));
        Assert.All(arm.Participants, p => Assert.Equal(0, p.OptOuts));
        Assert.Contains(arm.Participants, p => p.EngagedDays > 0);
    }

    private static int Total(Participant participant) =>
        participant.Sends(MessageChannel.Push) + participant.Sends(MessageChannel.Email) + participant.Sends(MessageChannel.InApp);
}
