using NotificationActors.Abstractions.Members;
using NotificationActors.Policy.Actions;
using NotificationActors.Simulation.World;
using Xunit.Abstractions;

namespace NotificationActors.Simulation.Tests.World;

public class InAppTests(ITestOutputHelper output)
{
    private static readonly double Weight = WorldOptions.DefaultInAppFatigueWeight;

    [Fact]
    public void InAppCandidatesAppearOnlyAtSessionsAtTheConfiguredShare()
    {
        var world = new SimulatedWorld(61, null, 400);
        var (sessionCandidates, inApp) = (0, 0);
        foreach (var member in world.Members)
        {
            for (var d = 0; d < 14; d++)
            {
                var day = WorldDriver.Monday.AddDays(d);
                var opportunities = member.OpportunitiesOn(day);
                foreach (var opportunity in opportunities)
                {
                    var inAppHere = opportunity.Candidates.Count(c => c.Channel == MessageChannel.InApp);
                    if (opportunity.Kind != OpportunityType.Session)
                    {
                        Assert.Equal(0, inAppHere);
                        continue;
                    }

                    sessionCandidates += opportunity.Candidates.Count;
                    inApp += inAppHere;
                    Assert.All(opportunity.Candidates.Where(c => c.Channel == MessageChannel.InApp), c => Assert.Equal(Channel.InApp, c.ToCandidate().Channel));
                }

                // A day without a session (the member did not come) offers no in-app message at all.
                if (!member.EndOfDay(day).OrganicallyActive) Assert.DoesNotContain(opportunities, o => o.Candidates.Any(c => c.Channel == MessageChannel.InApp));
            }
        }

        Assert.InRange(inApp / (double)sessionCandidates, WorldOptions.DefaultInAppCandidateShare - 0.03, WorldOptions.DefaultInAppCandidateShare + 0.03);
    }

    [Fact]
    public void TheImportReportsNoInAppOpenRateForAHistoryWithoutInAppMessages()
    {
        // It reported 0, and every member started as one who never opens an in-app message.
        var world = new SimulatedWorld(63, null, 50);
        foreach (var member in world.Members)
        {
            var imported = member.ImportedFeatures();

            Assert.DoesNotContain("inAppOpenRate", imported.Keys);
            Assert.Equal(member.Observed.Features.PushOpenRate, imported["pushOpenRate"]);
            Assert.Equal(member.Observed.Features.EngagedDaysPerWeek, imported["engagedDaysPerWeek"]);
        }
    }

    [Fact]
    public void InAppCandidatesAreDrawnApartSoTheRestOfTheWorldIsUnchanged()
    {
        // The same seed without in-app candidates: identical traits and opportunities; only session channels differ.
        var none = new WorldOptions { InAppCandidateShare = 0 };
        var plain = new SimulatedWorld(62, none, 200);
        var world = new SimulatedWorld(62, null, 200);
        for (var i = 0; i < world.MemberCount; i++)
        {
            Assert.Equal(plain[i].Traits.Taste, world[i].Traits.Taste);
            Assert.Equal(plain[i].Traits with { InAppResponsiveness = 0 }, world[i].Traits with { InAppResponsiveness = 0, Taste = plain[i].Traits.Taste });
            Assert.Equal(plain[i].Observed, world[i].Observed);
            for (var d = 0; d < 7; d++)
            {
                var day = WorldDriver.Monday.AddDays(d);
                var (before, after) = (plain[i].OpportunitiesOn(day), world[i].OpportunitiesOn(day));
                Assert.Equal(before.Select(o => (o.OpportunityId, o.Time)), after.Select(o => (o.OpportunityId, o.Time)));
                foreach (var (old, now) in before.SelectMany(o => o.Candidates).Zip(after.SelectMany(o => o.Candidates)))
                {
                    Assert.NotEqual(MessageChannel.InApp, old.Channel);
                    Assert.Equal((old.MessageId, old.CategoryIndex, old.TitleId, old.Relevance, old.ExpiresAt), (now.MessageId, now.CategoryIndex, now.TitleId, now.Relevance, now.ExpiresAt));
                    if (now.Channel != MessageChannel.InApp) Assert.Equal(old.Channel, now.Channel);
                }

                plain[i].EndOfDay(day);
                world[i].EndOfDay(day);
            }
        }
    }

    [Fact]
    public void AnInAppMessageShowsOnlyInASession()
    {
        var world = new SimulatedWorld(63, null, 50);
        var (idleDays, sessionDays) = (0, 0);
        foreach (var member in world.Members)
        {
            var shown = 0;
            for (var d = 0; d < 7; d++)
            {
                var day = WorldDriver.Monday.AddDays(d);
                var opportunities = member.OpportunitiesOn(day);
                var noon = WorldDriver.Start(day).AddHours(12);
                if (opportunities.FirstOrDefault(o => o.Kind == OpportunityType.Session) is not { } session)
                {
                    idleDays++;
                    Assert.Throws<InvalidOperationException>(() => member.Deliver(member.Compose(MessageChannel.InApp, 0, noon, OpportunityType.Session), noon));
                }
                else
                {
                    sessionDays++;
                    Assert.Throws<ArgumentException>(() => member.Deliver(member.Compose(MessageChannel.InApp, 0, session.Time, OpportunityType.Daily), session.Time));
                    Assert.True(member.Deliver(member.Compose(MessageChannel.InApp, 0, session.Time, OpportunityType.Session), session.Time).Delivered);
                    shown++;
                }

                member.EndOfDay(day);
            }

            Assert.Equal(shown, member.InAppSent);
        }

        Assert.True(idleDays > 0 && sessionDays > 0);
    }

    [Fact]
    public void InAppFatigueRisesByOneWithEachMessageAndHalvesEveryHalfLife()
    {
        var (member, day, session) = MemberWithASession(new SimulatedWorld(64, null, 50));
        var before = member.Fatigue(MessageChannel.InApp, session);
        var pushBefore = member.Fatigue(MessageChannel.Push, session);
        member.Deliver(member.Compose(MessageChannel.InApp, 1, session, OpportunityType.Session), session);
        member.Deliver(member.Compose(MessageChannel.InApp, 2, session, OpportunityType.Session), session);
        member.EndOfDay(day);

        Assert.Equal(before + 2, member.Fatigue(MessageChannel.InApp, session), 1e-9);
        Assert.Equal(pushBefore, member.Fatigue(MessageChannel.Push, session), 1e-12);
        Assert.Equal(2, member.InAppSent);
        var now = member.Fatigue(MessageChannel.InApp, session);
        Assert.Equal(now / 2, member.Fatigue(MessageChannel.InApp, session.AddDays(WorldOptions.DefaultFatigueHalfLifeDays)), 1e-6);
    }

    [Fact]
    public void InAppMessagesCanBeDismissedButNeverOptedOutOf()
    {
        var world = new SimulatedWorld(65, null, 300);
        var (sent, dismissed, opened) = (0, 0, 0);
        foreach (var member in world.Members)
        {
            for (var d = 0; d < 28; d++)
            {
                var day = WorldDriver.Monday.AddDays(d);
                foreach (var opportunity in member.OpportunitiesOn(day))
                {
                    foreach (var message in opportunity.Candidates.Where(c => c.Channel == MessageChannel.InApp))
                    {
                        var outcome = member.Deliver(message, opportunity.Time);
                        Assert.True(outcome.Delivered);
                        Assert.Null(outcome.OptedOut);
                        Assert.DoesNotContain(outcome.ToFeedback(message, opportunity.Time), f => f.Type == FeedbackType.OptedOut);
                        Assert.Equal(MessageChannel.InApp, outcome.ToFeedback(message, opportunity.Time)[0].Channel);
                        (sent, dismissed, opened) = (sent + 1, dismissed + (outcome.Dismissed ? 1 : 0), opened + (outcome.Opened ? 1 : 0));
                    }
                }

                member.EndOfDay(day);
            }

            Assert.True(member.IsOpen(MessageChannel.InApp));
            Assert.True(member.OptedIn.HasFlag(ChannelSet.InApp));
            Assert.Equal(0, member.OptOutProbability(MessageChannel.InApp, WorldDriver.Start(WorldDriver.Monday.AddDays(28))));
        }

        output.WriteLine($"{sent} in-app messages: {opened / (double)sent:P1} opened, {dismissed / (double)sent:P1} dismissed");
        Assert.True(sent > 1000);
        Assert.InRange(dismissed / (double)sent, 0.05, 0.6);
    }

    [Fact]
    public void AnInAppMessageIsOpenedMoreThanAPushInTheSameSession()
    {
        // Twin worlds, identical members in identical states: the same title in the same session, in-app or by push.
        var inAppWorld = new SimulatedWorld(66, null, 1000);
        var pushWorld = new SimulatedWorld(66, null, 1000);
        var (inApp, push) = (new List<double>(), new List<double>());
        for (var i = 0; i < inAppWorld.MemberCount; i++)
        {
            var (a, b) = (inAppWorld[i], pushWorld[i]);
            if (!b.IsOpen(MessageChannel.Push)) continue;
            var day = WorldDriver.Monday;
            var session = a.OpportunitiesOn(day).FirstOrDefault(o => o.Kind == OpportunityType.Session);
            b.OpportunitiesOn(day);
            if (session is not null)
            {
                inApp.Add(a.Deliver(a.Compose(MessageChannel.InApp, 3, session.Time, OpportunityType.Session), session.Time).OpenProbability);
                push.Add(b.Deliver(b.Compose(MessageChannel.Push, 3, session.Time, OpportunityType.Session), session.Time).OpenProbability);
            }

            a.EndOfDay(day);
            b.EndOfDay(day);
        }

        output.WriteLine($"mean open probability in a session: in-app {inApp.Average():F3}, push {push.Average():F3} ({inApp.Count} members)");
        Assert.True(inApp.Average() > 1.05 * push.Average());
    }

    [Fact]
    public void TwoInAppMessagesTireAsOnePushOrEmailAtTheDefaultWeight()
    {
        // Triplet worlds in identical states get, at the same session, two in-app messages, one email or one push, of
        // categories other than the probe's. At weight 0.5 two in-app messages count as one message elsewhere. No
        // uplift, so activity differs by the fatigue drag alone.
        Assert.Equal(0.5, Weight);
        var options = new WorldOptions { UpliftRate = 0 };
        var (inAppWorld, emailWorld, pushWorld) = (new SimulatedWorld(67, options, 300), new SimulatedWorld(67, options, 300), new SimulatedWorld(67, options, 300));
        var compared = 0;
        for (var i = 0; i < inAppWorld.MemberCount; i++)
        {
            var (a, e, p) = (inAppWorld[i], emailWorld[i], pushWorld[i]);
            var day = WorldDriver.Monday;
            var session = a.OpportunitiesOn(day).FirstOrDefault(o => o.Kind == OpportunityType.Session);
            e.OpportunitiesOn(day);
            p.OpportunitiesOn(day);
            if (session is not null && a.OptedIn.HasFlag(ChannelSet.Push | ChannelSet.Email))
            {
                var (at, probe) = (session.Time, session.Time.AddHours(1));
                var rested = a.OrganicActivity(probe);
                a.Deliver(a.Compose(MessageChannel.InApp, 1, at, OpportunityType.Session), at);
                a.Deliver(a.Compose(MessageChannel.InApp, 2, at, OpportunityType.Session), at);
                e.Deliver(e.Compose(MessageChannel.Email, 1, at), at);
                p.Deliver(p.Compose(MessageChannel.Push, 1, at), at);
                if (p.IsOpen(MessageChannel.Push))
                {
                    // The drag on activity, and the opt-out hazard of the next push: in-app fatigue at its weight.
                    Assert.True(a.OrganicActivity(probe) < rested);
                    Assert.Equal(p.OrganicActivity(probe), a.OrganicActivity(probe), 1e-12);
                    Assert.Equal(p.OptOutProbability(MessageChannel.Push, probe), a.OptOutProbability(MessageChannel.Push, probe), 1e-12);
                    Assert.True(a.OptOutProbability(MessageChannel.Push, probe) > e.OptOutProbability(MessageChannel.Push, probe));

                    // The cross-channel penalty of the next push: two in-app messages weigh on it as one email does.
                    var afterInApp = a.Deliver(a.Compose(MessageChannel.Push, 5, probe), probe).OpenProbability;
                    var afterEmail = e.Deliver(e.Compose(MessageChannel.Push, 5, probe), probe).OpenProbability;
                    Assert.Equal(afterEmail, afterInApp, 1e-12);
                    compared++;
                }
            }

            a.EndOfDay(day);
            e.EndOfDay(day);
            p.EndOfDay(day);
        }

        Assert.True(compared > 30, $"only {compared} members compared");
    }

    [Fact]
    public void InAppMessagesRaiseThePushOptOutHazardThroughTheCrossTerm()
    {
        // Twin worlds under the same daily push; one twin also gets an in-app message at every session. The push
        // outcomes are drawn from the same numbers, so every twin who opted out without in-app opts out with it too.
        var plain = Run(withInApp: false);
        var inApp = Run(withInApp: true);
        output.WriteLine($"push opt-outs over 8 weeks: {plain.Count} without in-app, {inApp.Count} with");

        Assert.Subset(inApp, plain);
        Assert.True(inApp.Count > 1.1 * plain.Count, $"push opt-outs: {plain.Count} without in-app, {inApp.Count} with");

        static HashSet<int> Run(bool withInApp)
        {
            var world = new SimulatedWorld(68, null, 1500);
            foreach (var member in world.Members.Where(m => m.IsOpen(MessageChannel.Push)))
            {
                for (var d = 0; d < 56; d++)
                {
                    var day = WorldDriver.Monday.AddDays(d);
                    var sends = new List<(DateTimeOffset Time, OfferedMessage Message)>();
                    foreach (var opportunity in member.OpportunitiesOn(day).Where(o => withInApp && o.Kind == OpportunityType.Session))
                    {
                        sends.AddRange(opportunity.Candidates.Where(c => c.Channel == MessageChannel.InApp).Take(1).Select(c => (opportunity.Time, c)));
                    }

                    var noon = WorldDriver.Start(day).AddHours(12);
                    sends.Add((noon, member.Compose(MessageChannel.Push, d % 12, noon)));
                    foreach (var (time, message) in sends.OrderBy(s => s.Time)) member.Deliver(message, time);
                    member.EndOfDay(day);
                }
            }

            return [.. world.Members.Where(m => m.PushOptedOutOn is not null).Select(m => m.Index)];
        }
    }

    private static (SimulatedMember Member, DateOnly Day, DateTimeOffset Session) MemberWithASession(SimulatedWorld world)
    {
        var day = WorldDriver.Monday;
        foreach (var member in world.Members)
        {
            if (member.OpportunitiesOn(day).FirstOrDefault(o => o.Kind == OpportunityType.Session) is { } session) return (member, day, session.Time);
            member.EndOfDay(day);
        }

        throw new InvalidOperationException("No member came on the first day.");
    }
}
