using System.Text.RegularExpressions;
using NotificationActors.Abstractions.Members;
using NotificationActors.Policy.Actions;
using NotificationActors.Simulation.World;

namespace NotificationActors.Simulation.Tests.World;

public partial class OpportunityTests
{
    [GeneratedRegex("^[A-Za-z0-9._:-]{1,128}$")]
    private static partial Regex ApiId();

    [Fact]
    public void EveryDayHasADailySlotAtTheMembersHourAndFewCandidates()
    {
        var world = new SimulatedWorld(51, null, 200);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var member in world.Members)
        {
            // Opportunity ids are unique in the world; message ids within the member (a grain tells only its own apart).
            var messageIds = new HashSet<string>(StringComparer.Ordinal);
            for (var d = 0; d < 14; d++)
            {
                var day = WorldDriver.Monday.AddDays(d);
                var opportunities = member.OpportunitiesOn(day);
                var daily = Assert.Single(opportunities, o => o.Kind == OpportunityType.Daily);
                Assert.Equal(WorldDriver.Start(day).AddHours(member.Traits.SlotHour), daily.Time);
                Assert.Equal(opportunities.OrderBy(o => o.Time), opportunities);
                foreach (var opportunity in opportunities)
                {
                    Assert.Equal(day, DateOnly.FromDateTime(opportunity.Time.UtcDateTime));
                    Assert.InRange(opportunity.Candidates.Count, WorldOptions.DefaultMinCandidates, WorldOptions.DefaultMaxCandidates);
                    Assert.True(ids.Add(opportunity.OpportunityId));
                    Assert.Matches(ApiId(), opportunity.OpportunityId);
                    foreach (var candidate in opportunity.Candidates)
                    {
                        Assert.True(messageIds.Add(candidate.MessageId));
                        Assert.Matches(ApiId(), candidate.MessageId);
                        Assert.Contains(candidate.Channel, opportunity.Kind == OpportunityType.Session
                            ? new[] { MessageChannel.Push, MessageChannel.Email, MessageChannel.InApp }
                            : new[] { MessageChannel.Push, MessageChannel.Email });
                        Assert.Equal(world.Categories[candidate.CategoryIndex], candidate.Category);
                        Assert.InRange(candidate.Relevance, 0, 1);
                        Assert.True(candidate.ExpiresAt > opportunity.Time);
                        Assert.Equal(opportunity.Kind, candidate.Kind);
                    }
                }

                member.EndOfDay(day);
            }
        }
    }

    [Fact]
    public void MembersShareOneInstanceOfEachIdOnADayAndNoneAcrossDays()
    {
        var world = new SimulatedWorld(53, null, 40);
        var monday = WorldDriver.Monday;
        var time = WorldDriver.Start(monday).AddHours(23);

        // Every member's daily slot offers "yyyyMMdd.d0.0" first: one string, and so is its feedback's id.
        var delivered = new List<string>();
        string? messageId = null;
        foreach (var member in world.Members)
        {
            var candidate = member.OpportunitiesOn(monday).Single(o => o.Kind == OpportunityType.Daily).Candidates[0];
            messageId ??= candidate.MessageId;
            Assert.Same(messageId, candidate.MessageId);
            if (member.IsOpen(candidate.Channel)) delivered.Add(member.Deliver(candidate, time).ToFeedback(candidate, time)[0].EventId);
            member.EndOfDay(monday);
        }

        Assert.True(delivered.Count > 1);
        Assert.Equal($"{messageId}.delivered", delivered[0]);
        Assert.All(delivered, id => Assert.Same(delivered[0], id));
        Assert.NotEqual(messageId, world[0].OpportunitiesOn(monday.AddDays(1)).Single(o => o.Kind == OpportunityType.Daily).Candidates[0].MessageId);
    }

    [Fact]
    public void LaunchesComeAFewTimesAWeekAndOfferTheLaunchTitle()
    {
        var world = new SimulatedWorld(52, null, 1);
        var member = world[0];
        var launches = 0;
        const int Days = 7 * 52;
        for (var d = 0; d < Days; d++)
        {
            var day = WorldDriver.Monday.AddDays(d);
            foreach (var opportunity in member.OpportunitiesOn(day).Where(o => o.Kind == OpportunityType.Launch))
            {
                launches++;
                var launch = Assert.Single(world.LaunchesOn(day), l => l.Time == opportunity.Time);
                Assert.Equal(launch.TitleId, opportunity.Candidates[0].TitleId);
                Assert.Equal(launch.Category, opportunity.Candidates[0].Category);
                if (opportunity.Candidates.Count > 1)
                {
                    Assert.Equal((MessageChannel.Push, MessageChannel.Email), (opportunity.Candidates[0].Channel, opportunity.Candidates[1].Channel));
                    Assert.Equal(launch.TitleId, opportunity.Candidates[1].TitleId);
                }
            }

            member.EndOfDay(day);
        }

        Assert.InRange(launches * 7.0 / Days, 2.4, 3.6);
    }

    [Fact]
    public void RelevanceIsANoisySignalOfTheHiddenTaste()
    {
        var world = new SimulatedWorld(53, null, 300);
        var pairs = new List<(double Relevance, double Taste)>();
        foreach (var member in world.Members)
        {
            var day = WorldDriver.Monday;
            pairs.AddRange(member.OpportunitiesOn(day).SelectMany(o => o.Candidates).Select(c => (c.Relevance, member.Traits.Taste[c.CategoryIndex])));
            member.EndOfDay(day);
        }

        var correlation = Correlation(pairs.Select(p => p.Relevance).ToArray(), pairs.Select(p => p.Taste).ToArray());
        Assert.InRange(correlation, 0.75, 0.97);
        Assert.True(pairs.Count(p => p.Relevance != p.Taste) > 0.9 * pairs.Count, "the policy sees a signal, not the truth");
    }

    [Fact]
    public void SessionsHappenOnlyOnDaysTheMemberComesOnTheirOwnAndReportActivityInTheDay()
    {
        var world = new SimulatedWorld(54, null, 300);
        var (organicDays, sessionDays) = (0, 0);
        foreach (var member in world.Members)
        {
            for (var d = 0; d < 14; d++)
            {
                var day = WorldDriver.Monday.AddDays(d);
                var outcome = WorldDriver.Day(member, day, d, 7, 3);
                var sessions = outcome.Activity.Count(a => a.Type == ActivityType.Session);
                Assert.Equal(outcome.OrganicallyActive || outcome.PlayedFromMessage, outcome.Engaged);
                Assert.Equal(outcome.Engaged, outcome.Activity.Count > 0);
                Assert.Equal(outcome.PlayedFromMessage, outcome.Activity.Any(a => a.Type == ActivityType.Play));
                Assert.InRange(sessions, outcome.OrganicallyActive ? 1 : 0, outcome.OrganicallyActive ? 2 : 0);
                Assert.All(outcome.Activity, a => Assert.Equal(day, DateOnly.FromDateTime(a.Time.UtcDateTime)));
                Assert.All(outcome.Activity, a => Assert.True(a.Minutes >= 1));
                Assert.All(outcome.Activity, a => Assert.Matches(ApiId(), a.EventId));
                Assert.Equal(outcome.Activity.OrderBy(a => a.Time), outcome.Activity);
                if (outcome.OrganicallyActive) organicDays++;
                if (sessions > 0) sessionDays++;
            }
        }

        Assert.Equal(organicDays, sessionDays);
    }

    [Fact]
    public void DaysMustBeStartedEndedAndVisitedInOrder()
    {
        var member = new SimulatedWorld(55, null, 1)[0];
        var day = WorldDriver.Monday;
        var time = WorldDriver.Start(day).AddHours(12);
        var message = member.Compose(MessageChannel.Push, 0, time);

        Assert.Throws<InvalidOperationException>(() => member.Deliver(message, time));
        Assert.Throws<InvalidOperationException>(() => member.EndOfDay(day));
        member.OpportunitiesOn(day);
        Assert.Throws<InvalidOperationException>(() => member.OpportunitiesOn(day.AddDays(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => member.Deliver(message, time.AddDays(1)));
        Assert.Throws<ArgumentException>(() => member.Deliver(member.Compose(MessageChannel.InApp, 0, time, OpportunityType.Daily), time));
        member.EndOfDay(day);
        Assert.Throws<ArgumentOutOfRangeException>(() => member.OpportunitiesOn(day));
        member.OpportunitiesOn(day.AddDays(3));
    }

    [Fact]
    public void TheImportCarriesNoisyFeaturesOfTheTruth()
    {
        var world = new SimulatedWorld(56, null, 3000);
        foreach (var member in world.Members)
        {
            Assert.Null(member.Observed.Features.FirstInvalidField());
            Assert.Equal(member.MemberId, member.Observed.MemberId);
            Assert.Equal(member.Traits.InitiallyOptedIn, member.Observed.OptedIn);
            Assert.True(member.Observed.OptedIn.Contains(Channel.InApp));
        }

        var members = world.Members.ToList();
        Assert.InRange(Correlation(Of(members, m => m.Traits.BaseActivity), Of(members, m => m.Observed.Features.EngagedDaysPerWeek)), 0.85, 0.999);
        var pushed = members.Where(m => m.Traits.HistoryPushPerWeek > 3).ToList();
        Assert.InRange(Correlation(Of(pushed, m => m.Traits.PushResponsiveness), Of(pushed, m => m.Observed.Features.PushOpenRate)), 0.4, 0.99);
        Assert.True(Correlation(Of(members, m => m.Traits.FatigueSensitivity), Of(members, m => m.Observed.Features.DismissRate)) > 0.1);
    }

    [Fact]
    public void MemberIdsFollowTheApisFormatAndCanBeLookedUp()
    {
        var world = new SimulatedWorld(57, null, 50);

        Assert.Equal("sim-000042", world[42].MemberId);
        Assert.True(world.TryGetMember("sim-000042", out var member));
        Assert.Same(world[42], member);
        Assert.False(world.TryGetMember("sim-000050", out _));
        Assert.False(world.TryGetMember("sim-42", out _));
        Assert.False(world.TryGetMember("m-000001", out _));
    }

    [Fact]
    public void AnOpportunityConvertsToTheApisRequestAndFindsItsCandidates()
    {
        var member = new SimulatedWorld(58, null, 1)[0];
        var opportunity = member.OpportunitiesOn(WorldDriver.Monday)[0];

        var request = opportunity.ToRequest();

        Assert.Equal(opportunity.OpportunityId, request.OpportunityId);
        Assert.Equal(opportunity.Candidates.Select(c => c.MessageId), request.Candidates.Select(c => c.MessageId));
        Assert.True(opportunity.TryFind(request.Candidates[^1].MessageId, out var found));
        Assert.Equal(opportunity.Candidates[^1], found);
        Assert.False(opportunity.TryFind("nope", out _));
        Assert.Equal(opportunity.Candidates[0].Relevance, opportunity.Candidates[0].ToCandidate().Relevance);
    }

    private static double[] Of(List<SimulatedMember> members, Func<SimulatedMember, double> value) => [.. members.Select(value)];

    private static double Correlation(double[] x, double[] y)
    {
        var (mx, my) = (x.Average(), y.Average());
        var cov = x.Zip(y, (a, b) => (a - mx) * (b - my)).Sum();
        return cov / Math.Sqrt(x.Sum(a => (a - mx) * (a - mx)) * y.Sum(b => (b - my) * (b - my)));
    }
}
