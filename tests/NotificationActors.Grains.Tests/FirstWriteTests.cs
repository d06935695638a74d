using NotificationActors.Abstractions.Members;
using NotificationActors.Grains.Members;
using static NotificationActors.Grains.Tests.Members;

namespace NotificationActors.Grains.Tests;

/// <summary>
/// A member's first write and its weekly reminder run at once: the stored state says the reminder is unconfirmed
/// until a later write, and an activation that finds it so registers the reminder again.
/// </summary>
[Collection(MemberClusterDefinition.Name)]
public sealed class FirstWriteTests(MemberClusterFixture cluster)
{
    private static DateTimeOffset Now => MemberClusterFixture.MemberTime.GetUtcNow();

    [Fact]
    public async Task TheFirstWriteStoresTheReminderAndTheNextWriteConfirmsIt()
    {
        var member = cluster.Grains.GetGrain<IMemberGrain>(OnArm("hierarchical"));

        await member.OfferOpportunity(Opportunity("o-1", Now, Message("a")));
        var first = await StoredMembers.StateAsync(cluster, member);
        await member.OfferOpportunity(Opportunity("o-2", Now, Message("b")));
        var second = await StoredMembers.StateAsync(cluster, member);

        Assert.Equal(1, await StoredMembers.RemindersAsync(cluster, member));
        Assert.Equal((true, true), (first.ReminderRegistered, first.ReminderUnconfirmed));
        Assert.Equal((true, false), (second.ReminderRegistered, second.ReminderUnconfirmed));
    }

    [Fact]
    public async Task AMemberStoredWithoutItsUnconfirmedReminderGetsItWhenActivated()
    {
        // What a crash between the first write's commit and the reminder's registration leaves.
        var member = cluster.Grains.GetGrain<IMemberGrain>(OnArm("hierarchical"));
        await StoredMembers.WriteAsync(cluster, member, new MemberState { ReminderRegistered = true, ReminderUnconfirmed = true, FirstWeek = "2026-W40" });
        Assert.Equal(0, await StoredMembers.RemindersAsync(cluster, member));

        await member.GetPlan();

        Assert.Equal(1, await StoredMembers.RemindersAsync(cluster, member));
        Assert.False((await StoredMembers.StateAsync(cluster, member)).ReminderUnconfirmed);
    }
}
