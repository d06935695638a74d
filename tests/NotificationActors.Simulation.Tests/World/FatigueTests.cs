using NotificationActors.Abstractions.Members;
using NotificationActors.Simulation.World;

namespace NotificationActors.Simulation.Tests.World;

public class FatigueTests
{
    [Fact]
    public void FatigueRisesByOneWithEachSendAndHalvesEveryHalfLife()
    {
        var world = new SimulatedWorld(11, null, 50);
        var member = world.Members.First(m => m.IsOpen(MessageChannel.Push));
        var day = WorldDriver.Monday;
        var start = WorldDriver.Start(day);
        member.OpportunitiesOn(day);
        var previous = member.Fatigue(MessageChannel.Push, start.AddHours(9));
        for (var k = 0; k < 4 && member.IsOpen(MessageChannel.Push); k++)
        {
            var time = start.AddHours(9 + k);
            var before = member.Fatigue(MessageChannel.Push, time);
            Assert.True(before <= previous + 1e-12, "fatigue only decays between sends");
            member.Deliver(member.Compose(MessageChannel.Push, k, time), time);
            var after = member.Fatigue(MessageChannel.Push, time);
            Assert.Equal(before + 1, after, 1e-9);
            previous = after;
        }

        member.EndOfDay(day);
        var end = start.AddHours(12);
        var now = member.Fatigue(MessageChannel.Push, end);
        var later = member.Fatigue(MessageChannel.Push, end.AddDays(WorldOptions.DefaultFatigueHalfLifeDays));
        Assert.Equal(now / 2, later, 1e-6);
        Assert.True(member.Fatigue(MessageChannel.Push, end.AddDays(30)) < now / 300);
    }

    [Fact]
    public void MoreSendsAWeekMeanMoreOptOutsAndMoreOptOutsPerSend()
    {
        // The same members (same seed) under a light and a heavy push plan for eight weeks.
        var light = Run(2);
        var heavy = Run(10);

        Assert.True(heavy.OptedOut > 2 * light.OptedOut, $"opt-outs: light {light.OptedOut}, heavy {heavy.OptedOut}");

        // The hazard grows with fatigue: not just more draws, a higher rate per send.
        Assert.True(heavy.OptedOut / (double)heavy.Sends > 1.5 * light.OptedOut / light.Sends,
            $"opt-outs per send: light {light.OptedOut}/{light.Sends}, heavy {heavy.OptedOut}/{heavy.Sends}");

        static (int OptedOut, int Sends) Run(int push)
        {
            var world = new SimulatedWorld(21, null, 3000);
            var members = world.Members.Where(m => m.IsOpen(MessageChannel.Push)).ToList();
            foreach (var member in members) WorldDriver.ExactWeeks(world, member, WorldDriver.Monday, 8, push, 0);
            return (members.Count(m => !m.IsOpen(MessageChannel.Push)), members.Sum(m => m.PushSent));
        }
    }

    [Fact]
    public void AClosedChannelDeliversNothingAndStaysClosed()
    {
        var world = new SimulatedWorld(12, null, 400);
        var member = world.Members.First(m => !m.IsOpen(MessageChannel.Push));
        var day = WorldDriver.Monday;
        member.OpportunitiesOn(day);
        var time = WorldDriver.Start(day).AddHours(10);

        var outcome = member.Deliver(member.Compose(MessageChannel.Push, 0, time), time);

        Assert.Equal(DeliveryOutcome.NotDelivered, outcome);
        Assert.Equal(0, member.PushSent);
        Assert.Empty(outcome.ToFeedback(member.Compose(MessageChannel.Push, 0, time), time));
    }

    [Fact]
    public void AnOptOutClosesTheChannelForGood()
    {
        var world = new SimulatedWorld(13, null, 200);
        foreach (var member in world.Members.Where(m => m.IsOpen(MessageChannel.Push)).Take(50))
        {
            WorldDriver.ExactWeeks(world, member, WorldDriver.Monday, 6, 13, 0);
            if (member.IsOpen(MessageChannel.Push)) continue;

            var optedOutOn = member.PushOptedOutOn!.Value;
            var sent = member.PushSent;
            WorldDriver.ExactWeeks(world, member, WorldDriver.Monday.AddDays(42), 1, 13, 0);
            Assert.Equal(sent, member.PushSent);
            Assert.False(member.OptedIn.HasFlag(Policy.Actions.ChannelSet.Push));
            Assert.Equal(optedOutOn, member.PushOptedOutOn);
            return;
        }

        Assert.Fail("No member opted out under 13 pushes a week for six weeks.");
    }

    [Fact]
    public void AppealDropsWhenACategoryRepeatsAndRecoversWithRest()
    {
        var world = new SimulatedWorld(14, null, 20);
        var member = world.Members.First(m => m.IsOpen(MessageChannel.Push));
        var category = world.Categories[2];
        var other = world.Categories[5];
        var day = WorldDriver.Monday;
        var sent = WorldDriver.Start(day).AddHours(12);
        Assert.Equal(1, member.Appeal(category, sent));

        member.OpportunitiesOn(day);
        member.Deliver(member.Compose(MessageChannel.Push, 2, sent), sent);
        member.EndOfDay(day);

        var drop = WorldOptions.DefaultAppealDrop;
        var tau = WorldOptions.DefaultAppealRecoveryHours;
        Assert.Equal(1 - drop, member.Appeal(category, sent), 1e-9);
        Assert.Equal(1 - (drop * Math.Exp(-1)), member.Appeal(category, sent.AddHours(tau)), 1e-9);
        Assert.True(member.Appeal(category, sent.AddHours(1)) < member.Appeal(category, sent.AddHours(24)));
        Assert.True(member.Appeal(category, sent.AddHours(24)) < member.Appeal(category, sent.AddDays(7)));
        Assert.True(member.Appeal(category, sent.AddDays(21)) > 0.999);
        Assert.Equal(1, member.Appeal(other, sent.AddHours(1)));
    }

    [Fact]
    public void ARepeatedCategoryIsOpenedLessThanAFreshOneInTheSameState()
    {
        // Twin worlds: identical members in identical states; the second message repeats the category or does not.
        var repeatWorld = new SimulatedWorld(15, null, 300);
        var freshWorld = new SimulatedWorld(15, null, 300);
        var day = WorldDriver.Monday;
        var first = WorldDriver.Start(day).AddHours(10);
        var second = first.AddHours(2);
        var (repeated, fresh) = (0.0, 0.0);
        for (var i = 0; i < 300; i++)
        {
            var (a, b) = (repeatWorld[i], freshWorld[i]);
            if (!a.IsOpen(MessageChannel.Push)) continue;
            a.OpportunitiesOn(day);
            b.OpportunitiesOn(day);
            a.Deliver(a.Compose(MessageChannel.Push, 0, first), first);
            b.Deliver(b.Compose(MessageChannel.Push, 0, first), first);

            // Per unit of taste, so only appeal differs.
            repeated += a.Deliver(a.Compose(MessageChannel.Push, 0, second), second).OpenProbability / a.Traits.Taste[0];
            fresh += b.Deliver(b.Compose(MessageChannel.Push, 1, second), second).OpenProbability / b.Traits.Taste[1];
        }

        Assert.InRange(repeated / fresh, 0.35, 0.55);
    }
}
