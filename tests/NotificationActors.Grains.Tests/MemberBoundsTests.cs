using System.Globalization;
using NotificationActors.Abstractions.Members;
using NotificationActors.Grains.Members;
using static NotificationActors.Grains.Tests.Members;

namespace NotificationActors.Grains.Tests;

/// <summary>
/// Hostile and careless callers against one member: reads never create it, every list has its bound, and each refusal
/// names the field and leaves the stored bytes as they were.
/// </summary>
[Collection(MemberClusterDefinition.Name)]
public sealed class MemberBoundsTests(MemberClusterFixture cluster)
{
    private static DateTimeOffset Now => MemberClusterFixture.MemberTime.GetUtcNow();

    [Fact]
    public async Task ReadsOfAMemberNeverSeenAreRefusedAndStoreNothing()
    {
        var member = cluster.Grains.GetGrain<IMemberGrain>(OnArm("hierarchical"));

        var refusals = new[]
        {
            await Assert.ThrowsAsync<MemberRequestRefusedException>(async () => await member.GetPlan()),
            await Assert.ThrowsAsync<MemberRequestRefusedException>(async () => await member.GetMember()),
            await Assert.ThrowsAsync<MemberRequestRefusedException>(async () => await member.Replan()),
        };

        Assert.All(refusals, r => Assert.Equal((MemberRefusal.UnknownMember, "memberId"), (r.Refusal, Assert.Single(r.Errors.Keys))));
        Assert.Null(await StoredMembers.BytesAsync(cluster, member));
        Assert.Equal(0, await StoredMembers.RemindersAsync(cluster, member));
    }

    [Fact]
    public async Task AnEmptyBatchForAMemberNeverSeenStoresNothing()
    {
        var member = cluster.Grains.GetGrain<IMemberGrain>(OnArm("hierarchical"));

        var receipt = await member.ApplyTraffic(new MemberTraffic());

        Assert.Equal((0, 0), (receipt.Decisions.Count, receipt.EventsApplied));
        Assert.Null(await StoredMembers.BytesAsync(cluster, member));
        Assert.Equal(0, await StoredMembers.RemindersAsync(cluster, member));
    }

    [Fact]
    public async Task AMemberStoredUnderAnIdOfDotsIsForgottenWhenActivated()
    {
        // Imports once stored such ids; no client or route reaches them now, so storage is written as they left it.
        var member = cluster.Grains.GetGrain<IMemberGrain>("..");
        await StoredMembers.WriteAsync(cluster, member, new MemberState { ReminderRegistered = true, FirstWeek = "2026-W40" });

        var refused = await Assert.ThrowsAsync<MemberRequestRefusedException>(async () => await member.GetPlan());

        Assert.Equal((MemberRefusal.Invalid, "memberId"), (refused.Refusal, Assert.Single(refused.Errors.Keys)));
        Assert.Null(await StoredMembers.BytesAsync(cluster, member));
    }

    [Fact]
    public async Task AForgottenMemberStaysForgotten()
    {
        var member = await Joined(cluster.Grains, OnArm("hierarchical"));
        Assert.Equal(1, await StoredMembers.RemindersAsync(cluster, member));

        await member.Forget();
        var refused = await Assert.ThrowsAsync<MemberRequestRefusedException>(async () => await member.GetPlan());

        Assert.Equal(MemberRefusal.UnknownMember, refused.Refusal);
        Assert.Null(await StoredMembers.BytesAsync(cluster, member));
        Assert.Equal(0, await StoredMembers.RemindersAsync(cluster, member));
    }

    [Fact]
    public async Task UnsubscribesMuteAtMostTheBoundAndTheNextIsRefusedChangingNothing()
    {
        var member = await Joined(cluster.Grains, OnArm("hierarchical"));
        var feedback = Enumerable.Range(0, MemberGrainOptions.MaxMutedCategories).Select(i => Unsubscribe($"e-{i}", Category(i))).ToArray();
        var receipt = await member.ApplyTraffic(new MemberTraffic { Feedback = feedback });
        var before = await StoredMembers.BytesAsync(cluster, member);

        var single = await Assert.ThrowsAsync<MemberRequestRefusedException>(async () => await member.RecordFeedback(Unsubscribe("e-new", Category(9999))));
        var batch = await Assert.ThrowsAsync<MemberRequestRefusedException>(async () => await member.ApplyTraffic(new MemberTraffic
        {
            Feedback = [Unsubscribe("e-again", Category(3)), Unsubscribe("e-new-1", Category(10_000)), Unsubscribe("e-new-2", Category(10_000))],
        }));
        var unchanged = await StoredMembers.BytesAsync(cluster, member);
        var mutedAgain = await member.RecordFeedback(Unsubscribe("e-muted-again", Category(3)));

        Assert.Equal(MemberGrainOptions.MaxMutedCategories, receipt.EventsApplied);
        Assert.Equal((MemberRefusal.ListFull, "category"), (single.Refusal, Assert.Single(single.Errors.Keys)));
        Assert.Equal((MemberRefusal.ListFull, "feedback[1].category"), (batch.Refusal, Assert.Single(batch.Errors.Keys)));
        Assert.True(mutedAgain.Applied);
        var state = await StoredMembers.StateAsync(cluster, member);
        Assert.Equal(MemberGrainOptions.MaxMutedCategories, state.Preferences.MutedCategories.Count);
        Assert.Equal(before, unchanged);
    }

    [Fact]
    public async Task RepeatedOptOutsListTheChannelOnce()
    {
        var member = await Joined(cluster.Grains, OnArm("hierarchical"));

        for (var i = 0; i < 20; i++)
        {
            await member.RecordFeedback(new FeedbackEvent { EventId = $"o-{i}", Time = Now, Channel = MessageChannel.Push, Type = FeedbackType.OptedOut });
        }

        var week = (await StoredMembers.StateAsync(cluster, member)).Week!;
        Assert.Equal([MessageChannel.Push], week.OptedOut);
        Assert.Equal(20, week.Outcomes.Values.Sum());
    }

    [Theory]
    [InlineData("0001-01-01T00:00:01Z", "America/Los_Angeles")]
    [InlineData("9999-12-31T23:59:00Z", "Asia/Tokyo")]
    public async Task ATimeTheMembersZoneCannotRepresentIsRefusedAndChangesNothing(string time, string zone)
    {
        var member = cluster.Grains.GetGrain<IMemberGrain>(OnArm("hierarchical"));
        await member.SetPreferences(new MemberPreferences { TimeZone = zone });
        await member.OfferOpportunity(Opportunity("o-first", Now, Message("m-first")));
        var before = await StoredMembers.BytesAsync(cluster, member);
        var at = DateTimeOffset.Parse(time, CultureInfo.InvariantCulture);

        for (var i = 0; i < 50; i++)
        {
            var refused = await Assert.ThrowsAsync<MemberRequestRefusedException>(async () => await member.OfferOpportunity(Opportunity($"o-{i}", at, Message($"m-{i}"))));
            Assert.Equal((MemberRefusal.Invalid, "time"), (refused.Refusal, Assert.Single(refused.Errors.Keys)));
            Assert.Contains(zone, refused.Message, StringComparison.Ordinal);
        }

        Assert.Equal(before, await StoredMembers.BytesAsync(cluster, member));
    }

    [Fact]
    public async Task TimesFarFromTheSilosClockAreRefusedNamingThemAndChangeNothing()
    {
        var member = await Joined(cluster.Grains, OnArm("hierarchical"));
        var before = await StoredMembers.BytesAsync(cluster, member);
        var late = Now - MemberGrainOptions.DefaultEventAge - TimeSpan.FromHours(1);
        var ahead = Now + MemberGrainOptions.DefaultTimeWindow + TimeSpan.FromHours(1);

        var refusals = new (MemberRequestRefusedException Refused, string Field)[]
        {
            (await Assert.ThrowsAsync<MemberRequestRefusedException>(async () => await member.OfferOpportunity(Opportunity("o-ahead", ahead, Message("m-1")))), "time"),
            (await Assert.ThrowsAsync<MemberRequestRefusedException>(async () => await member.OfferOpportunity(Opportunity("o-behind", Now - MemberGrainOptions.DefaultTimeWindow - TimeSpan.FromHours(1), Message("m-1")))), "time"),
            (await Assert.ThrowsAsync<MemberRequestRefusedException>(async () => await member.RecordActivity(new ActivityEvent { EventId = "a-ahead", Time = ahead, Type = ActivityType.Play })), "time"),
            (await Assert.ThrowsAsync<MemberRequestRefusedException>(async () => await member.RecordFeedback(new FeedbackEvent { EventId = "f-late", Time = late, Type = FeedbackType.Opened })), "time"),
            (await Assert.ThrowsAsync<MemberRequestRefusedException>(async () => await member.ApplyTraffic(new MemberTraffic
            {
                Activity = [new ActivityEvent { EventId = "a-now", Time = Now, Type = ActivityType.Play }, new ActivityEvent { EventId = "a-late", Time = late, Type = ActivityType.Play }],
            })), "activity[1].time"),
        };

        Assert.All(refusals, r => Assert.Equal((MemberRefusal.Invalid, r.Field), (r.Refused.Refusal, Assert.Single(r.Refused.Errors.Keys))));
        Assert.Equal(before, await StoredMembers.BytesAsync(cluster, member));
        Assert.True((await member.RecordFeedback(new FeedbackEvent { EventId = "f-recent", Time = Now - TimeSpan.FromDays(20), Type = FeedbackType.Opened })).Applied);
    }

    private static FeedbackEvent Unsubscribe(string eventId, string category) =>
        new() { EventId = eventId, Time = Now, Type = FeedbackType.Unsubscribed, Category = category };

    private static string Category(int i) => string.Create(CultureInfo.InvariantCulture, $"category-{i}-").PadRight(128, 'x');
}
