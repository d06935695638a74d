using System.Globalization;
using NotificationActors.Abstractions.Members;
using NotificationActors.Grains.Members;
using NotificationActors.Policy.Time;
using static NotificationActors.Grains.Tests.Members;

namespace NotificationActors.Grains.Tests;

/// <summary>
/// A member-week's bounds as the clock moves: the cap on opportunities, replays that always return the first answer,
/// and the largest state valid calls can build. Weeks pass here, so the file sorts after the tests that keep their week.
/// </summary>
[Collection(MemberClusterDefinition.Name)]
public sealed class WeekBoundsTests(MemberClusterFixture cluster)
{
    /// <summary>The largest member state, in bytes, that any sequence of valid calls can build (README, docs/operations.md).</summary>
    public const int LargestState = 480 * 1024;

    private static DateTimeOffset Now => MemberClusterFixture.MemberTime.GetUtcNow();

    [Fact]
    public async Task AWeekTakesAtMostItsCapOfOpportunitiesAndEveryReplayReturnsTheFirstAnswer()
    {
        var member = await Joined(cluster.Grains, OnArm("hierarchical"));
        var cap = MemberGrainOptions.DefaultDecisionsPerWeek;
        var opportunities = Enumerable.Range(0, cap).Select(i => Opportunity($"o-{i}", Now, Message($"m-{i}"))).ToArray();
        var first = new List<SendDecision>();
        foreach (var chunk in opportunities.Chunk(100))
        {
            first.AddRange((await member.ApplyTraffic(new MemberTraffic { Opportunities = chunk })).Decisions);
        }

        var full = await StoredMembers.BytesAsync(cluster, member);
        var refused = await Assert.ThrowsAsync<MemberRequestRefusedException>(async () => await member.OfferOpportunity(Opportunity("o-over", Now, Message("m-over"))));
        var refusedInBatch = await Assert.ThrowsAsync<MemberRequestRefusedException>(async () => await member.ApplyTraffic(new MemberTraffic
        {
            Opportunities = [opportunities[7], Opportunity("o-over", Now, Message("m-over"))],
        }));
        var replays = new List<SendDecision>();
        foreach (var chunk in opportunities.Chunk(250))
        {
            replays.AddRange((await member.ApplyTraffic(new MemberTraffic { Opportunities = chunk })).Decisions);
        }

        Assert.Equal((MemberRefusal.OpportunityCapReached, "opportunityId"), (refused.Refusal, Assert.Single(refused.Errors.Keys)));
        Assert.Equal((MemberRefusal.OpportunityCapReached, "opportunities[1].opportunityId"), (refusedInBatch.Refusal, Assert.Single(refusedInBatch.Errors.Keys)));
        Assert.Equal(first, replays);
        Assert.Equal(full, await StoredMembers.BytesAsync(cluster, member));
    }

    [Fact]
    public async Task ANewOpportunityOfAClosedWeekIsRefusedAsOutsideTheReplayWindow()
    {
        var member = await Joined(cluster.Grains, OnArm("hierarchical"));
        var first = await member.OfferOpportunity(Opportunity("o-sunday", Now, Message("m-1")));
        var week = IsoWeek.Containing(Now);
        MemberClusterFixture.Advance(week.End - Now + TimeSpan.FromHours(1));
        await member.GetPlan();
        var before = await StoredMembers.BytesAsync(cluster, member);

        var replay = await member.OfferOpportunity(Opportunity("o-sunday", week.End - TimeSpan.FromHours(2), Message("m-2")));
        var refused = await Assert.ThrowsAsync<MemberRequestRefusedException>(async () =>
            await member.OfferOpportunity(Opportunity("o-forgotten", week.End - TimeSpan.FromHours(2), Message("m-3"))));
        var fresh = await member.OfferOpportunity(Opportunity("o-monday", Now, Message("m-4")));

        Assert.Equal(first, replay);
        Assert.Equal((MemberRefusal.OutsideReplayWindow, "opportunityId"), (refused.Refusal, Assert.Single(refused.Errors.Keys)));
        Assert.Equal(week.Next().ToString(), fresh.PlanWeek);
        Assert.NotEqual(before, await StoredMembers.BytesAsync(cluster, member));
    }

    [Fact]
    public async Task AQueuedBatchThatRollsTheWeekStillAnswersItsReplaysAsTheyWereFirstAnswered()
    {
        var member = await Joined(cluster.Grains, OnArm("hierarchical"));
        var opportunities = Enumerable.Range(0, 300).Select(i => Opportunity($"o-{i}", Now, Message($"m-{i}"))).ToArray();
        var first = (await member.ApplyTraffic(new MemberTraffic { Opportunities = opportunities })).Decisions;

        // Only the members' clock passes the week's end: no reminder rolls the week before the queued batch lands.
        MemberClusterFixture.MemberTime.Advance(IsoWeek.Containing(Now).End - Now + TimeSpan.FromHours(1));
        var replays = (await member.ApplyTraffic(new MemberTraffic { Opportunities = opportunities })).Decisions;
        MemberClusterFixture.ReminderTime.Advance(MemberClusterFixture.MemberTime.GetUtcNow() - MemberClusterFixture.ReminderTime.GetUtcNow());

        Assert.Equal(first, replays);
        Assert.Empty((await StoredMembers.StateAsync(cluster, member)).Week!.Decisions);
    }

    [Fact]
    public async Task AnOpportunityTimedInTheNextWeekIsRefusedNamingItsTime()
    {
        var member = await Joined(cluster.Grains, OnArm("hierarchical"));
        var week = IsoWeek.Containing(Now);
        MemberClusterFixture.Advance(week.End - Now - TimeSpan.FromHours(1));
        var before = await StoredMembers.BytesAsync(cluster, member);

        var refused = await Assert.ThrowsAsync<MemberRequestRefusedException>(async () =>
            await member.OfferOpportunity(Opportunity("o-monday", week.End + TimeSpan.FromHours(1), Message("m-1"))));

        Assert.Equal((MemberRefusal.Invalid, "time"), (refused.Refusal, Assert.Single(refused.Errors.Keys)));
        Assert.Contains(week.Next().ToString(), refused.Message, StringComparison.Ordinal);
        Assert.Equal(before, await StoredMembers.BytesAsync(cluster, member));
    }

    [Fact]
    public async Task TheLargestStateValidCallsCanBuildStaysWithinItsStatedBound()
    {
        // Every list at its bound and every string at its longest: a week of transactional sends (they need no budget)
        // fills the send history and, when the week closes, the replay tail; the next week takes its cap again, with
        // the most muted categories, imported features and remembered event ids.
        var member = await Joined(cluster.Grains, OnArm("hierarchical"));
        await FillWeekAsync(member, "a");
        MemberClusterFixture.Advance(IsoWeek.Containing(Now).End - Now + TimeSpan.FromHours(1));
        await FillWeekAsync(member, "b");
        await member.SetFeatures(Enumerable.Range(0, 256).ToDictionary(i => Long($"f{i}", 64), i => (double)i));
        await member.SetPreferences(new MemberPreferences
        {
            TimeZone = "America/Argentina/Buenos_Aires",
            MutedCategories = [.. Enumerable.Range(0, MemberGrainOptions.MaxMutedCategories).Select(i => Long($"muted{i}", 128))],
            QuietHours = new QuietWindow { Start = "22:00", End = "07:00" },
        });
        foreach (var chunk in Enumerable.Range(0, 2 * MemberGrainOptions.DefaultEventWindow).Chunk(250))
        {
            await member.ApplyTraffic(new MemberTraffic
            {
                Feedback = [.. chunk.Select(i => new FeedbackEvent { EventId = Long($"e{i}", 128), Time = Now, Type = FeedbackType.Dismissed, MessageId = Long($"b{i % 500}m", 128) })],
            });
        }

        var state = await StoredMembers.StateAsync(cluster, member);
        var bytes = (await StoredMembers.BytesAsync(cluster, member))!.Length;

        Assert.Equal(
            (MemberGrainOptions.DefaultDecisionsPerWeek, MemberGrainOptions.DefaultOpportunityWindow, MemberGrainOptions.DefaultHistoryWindow, MemberGrainOptions.DefaultEventWindow),
            (state.Week!.Decisions.Count, state.ReplayTail.Count, state.Sent.Count, state.RecentEventIds.Count));
        Assert.True(bytes <= LargestState, $"{bytes} bytes");
        Assert.True(bytes > LargestState * 0.8, $"{bytes} bytes: the stated bound is loose; restate it");
    }

    private async Task FillWeekAsync(IMemberGrain member, string prefix)
    {
        foreach (var chunk in Enumerable.Range(0, MemberGrainOptions.DefaultDecisionsPerWeek).Chunk(100))
        {
            await member.ApplyTraffic(new MemberTraffic
            {
                Opportunities = [.. chunk.Select(i => Opportunity(Long($"{prefix}{i}o", 128), Now, new CandidateMessage
                {
                    MessageId = Long($"{prefix}{i}m", 128),
                    Channel = MessageChannel.Push,
                    Category = Long($"{prefix}{i}c", 128),
                    TitleId = Long($"{prefix}{i}t", 128),
                    Relevance = 0.5,
                    Priority = MessagePriorityLevel.Transactional,
                }))],
            });
        }
    }

    private static string Long(string head, int length) => head.PadRight(length, 'x');
}
