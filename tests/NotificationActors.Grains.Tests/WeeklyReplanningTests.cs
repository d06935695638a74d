using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NotificationActors.Abstractions.Members;
using NotificationActors.Policy.Time;
using static NotificationActors.Grains.Tests.Members;

namespace NotificationActors.Grains.Tests;

/// <summary>Weeks pass on the fake clocks; these tests run last in the collection's order of files so others keep their week.</summary>
[Collection(MemberClusterDefinition.Name)]
public sealed class WeeklyReplanningTests(MemberClusterFixture cluster)
{
    private static DateTimeOffset Now => MemberClusterFixture.MemberTime.GetUtcNow();

    [Fact]
    public async Task TheWeeklyReminderReplansAndLogsTheClosedWeekOnce()
    {
        var id = OnArm("hierarchical");
        var member = await Joined(cluster.Grains, id);
        var plan = await member.GetPlan();
        await member.RecordActivity(new ActivityEvent { EventId = "a-1", Time = Now, Type = ActivityType.Session, Minutes = 20 });

        // Move both clocks just past the reminder's due time (as the table holds it), then wait for its tick to
        // close the week. Nothing calls the grain meanwhile, so only the reminder can have written the record.
        var target = IsoWeek.Parse(plan.Week).Next();
        var table = Silo().Services.GetRequiredService<IReminderTable>();
        var reminder = Assert.Single((await table.ReadRows(((GrainReference)member).GrainId)).Reminders);
        Assert.Equal(target, IsoWeek.Containing(reminder.StartAt));
        MemberClusterFixture.Advance(reminder.StartAt - Now.UtcDateTime + TimeSpan.FromMinutes(1));
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!await HasRecord(id, plan.Week))
        {
            await Task.Delay(20, deadline.Token);
        }

        var records = (await MemberGrainTests.ToListAsync(cluster.Log.ReadAsync())).Where(r => r.MemberId == id).ToList();
        var record = Assert.Single(records);
        Assert.Equal((plan.Week, plan.Push, plan.Email, 1, plan.Propensity), (record.Week, record.PlanPush, record.PlanEmail, record.EngagedDays, record.Propensity));
        Assert.Equal(target.ToString(), (await member.GetPlan()).Week);
    }

    [Fact]
    public async Task SundaysActivitySentAfterMidnightStillCountsForTheWeekItCloses()
    {
        var id = OnArm("hierarchical");
        var member = await Joined(cluster.Grains, id);
        var week = IsoWeek.Parse((await member.GetPlan()).Week);

        // Only the members' clock crosses midnight, so no reminder closes the week before the caller's batch lands.
        MemberClusterFixture.MemberTime.Advance(week.End - Now + TimeSpan.FromMinutes(30));
        var receipt = await member.ApplyTraffic(new MemberTraffic
        {
            Activity = [new ActivityEvent { EventId = "a-sunday", Time = week.End.AddHours(-2), Type = ActivityType.Session, Minutes = 25 }],
            Opportunities = [Opportunity("o-monday", Now, Message("m-1"))],
        });
        MemberClusterFixture.ReminderTime.Advance(week.End - MemberClusterFixture.ReminderTime.GetUtcNow() + TimeSpan.FromMinutes(30));

        var record = Assert.Single(await MemberGrainTests.ToListAsync(cluster.Log.ReadAsync()), r => r.MemberId == id);
        Assert.Equal((week.ToString(), 1), (record.Week, record.EngagedDays));
        Assert.Equal((1, week.Next().ToString()), (receipt.EventsApplied, receipt.Decisions[0].PlanWeek));
        Assert.Equal(0, (await member.GetMember()).EngagedDaysThisWeek);
    }

    [Fact]
    public async Task AMissedReminderIsHealedByTheNextCall()
    {
        var member = await Joined(cluster.Grains, OnArm("hierarchical"));
        var plan = await member.GetPlan();

        // Only the members' clock moves: the reminder service sees no time pass, as in an outage.
        MemberClusterFixture.MemberTime.Advance(TimeSpan.FromDays(15));
        var healed = await member.OfferOpportunity(Opportunity("o-after-outage", Now, Message("m-1")));
        MemberClusterFixture.ReminderTime.Advance(TimeSpan.FromDays(15));

        Assert.Equal(IsoWeek.Containing(Now).ToString(), healed.PlanWeek);
        Assert.NotEqual(plan.Week, healed.PlanWeek);
        Assert.Equal(healed.PlanWeek, (await member.GetPlan()).Week);
    }

    [Fact]
    public async Task AReplayAfterTheWeekClosedReturnsTheFirstDecision()
    {
        var member = cluster.Grains.GetGrain<IMemberGrain>(OnArm("hierarchical"));
        var first = await member.OfferOpportunity(Opportunity("o-late-retry", Now, Message("m-1")));

        MemberClusterFixture.Advance(TimeSpan.FromDays(7));
        await member.GetPlan();
        var replay = await member.OfferOpportunity(Opportunity("o-late-retry", Now, Message("m-2")));

        Assert.Equal(first, replay);
        Assert.NotEqual(first.PlanWeek, (await member.GetPlan()).Week);
    }

    private IHost Silo() => cluster.Cluster.Primary is Orleans.TestingHost.InProcessSiloHandle { SiloHost: { } host } ? host : throw new InvalidOperationException();

    private async Task<bool> HasRecord(string memberId, string week)
    {
        await foreach (var record in cluster.Log.ReadAsync(week, week))
        {
            if (record.MemberId == memberId) return true;
        }

        return false;
    }
}
