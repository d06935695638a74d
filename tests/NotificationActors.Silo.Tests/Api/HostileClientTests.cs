using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NotificationActors.Abstractions.Members;
using NotificationActors.Client.Orleans;

namespace NotificationActors.Silo.Tests.Api;

/// <summary>
/// The hostile table's requests that typed calls can make, through the Orleans client and a silo's gateway: each is
/// refused saying why and naming the field, the refusal crosses the gateway whole, and the member's row in the SQLite
/// file is unchanged.
/// </summary>
public sealed class HostileClientTests(SqliteApiFixture silo) : IClassFixture<SqliteApiFixture>, IAsyncLifetime
{
    private static readonly DateTimeOffset T = SqliteApiFixture.Now;

    private IHost _client = null!;

    public static TheoryData<string, bool, Func<INotificationActors, string, Task>, MemberRefusal, string> Cases() => new()
    {
        { "duplicate message ids", true, (c, m) => c.OfferOpportunityAsync(m, Opportunity("o-new", T, Candidate("m-1"), Candidate("m-1"))), MemberRefusal.Invalid, "candidates[1].messageId" },
        { "NaN relevance", true, (c, m) => c.OfferOpportunityAsync(m, Opportunity("o-new", T, Candidate("m-1") with { Relevance = double.NaN })), MemberRefusal.Invalid, "candidates[0].relevance" },
        { "undefined channel", true, (c, m) => c.OfferOpportunityAsync(m, Opportunity("o-new", T, Candidate("m-1") with { Channel = (MessageChannel)7 })), MemberRefusal.Invalid, "candidates[0].channel" },
        { "201 candidates", true, (c, m) => c.OfferOpportunityAsync(m, Opportunity("o-new", T, [.. Enumerable.Range(0, 201).Select(i => Candidate($"m-{i}"))])), MemberRefusal.Invalid, "candidates" },
        { "opportunity id with a space", true, (c, m) => c.OfferOpportunityAsync(m, Opportunity("o new", T, Candidate("m-1"))), MemberRefusal.Invalid, "opportunityId" },
        { "time the member's zone cannot hold", true, (c, m) => c.OfferOpportunityAsync(m, Opportunity("o-new", DateTimeOffset.MinValue.AddSeconds(1), Candidate("m-1"))), MemberRefusal.Invalid, "time" },
        { "time two days ahead", true, (c, m) => c.OfferOpportunityAsync(m, Opportunity("o-new", T.AddHours(49), Candidate("m-1"))), MemberRefusal.Invalid, "time" },
        { "new opportunity of a closed week", true, (c, m) => c.OfferOpportunityAsync(m, Opportunity("o-new", T.AddHours(-14), Candidate("m-1"))), MemberRefusal.OutsideReplayWindow, "opportunityId" },
        { "opt-out without channel", true, (c, m) => c.RecordFeedbackAsync(m, new FeedbackEvent { EventId = "e-1", Time = T, Type = FeedbackType.OptedOut }), MemberRefusal.Invalid, "channel" },
        { "feedback older than the event age", true, (c, m) => c.RecordFeedbackAsync(m, new FeedbackEvent { EventId = "e-1", Time = T.AddDays(-36), Type = FeedbackType.Opened }), MemberRefusal.Invalid, "time" },
        { "negative minutes", true, (c, m) => c.RecordActivityAsync(m, new ActivityEvent { EventId = "a-1", Time = T, Type = ActivityType.Session, Minutes = -5 }), MemberRefusal.Invalid, "minutes" },
        { "batch with a bad item", true, (c, m) => c.ApplyTrafficAsync(m, new MemberTraffic { Opportunities = [Opportunity("o-2", T, Candidate("m-1")), Opportunity("o-3", T, Candidate("m-2") with { Relevance = 2 })] }), MemberRefusal.Invalid, "opportunities[1].candidates[0].relevance" },
        { "tz database file that is no zone", true, (c, m) => c.SetPreferencesAsync(m, new MemberPreferences { TimeZone = "posixrules" }), MemberRefusal.Invalid, "timeZone" },
        { "quiet hours starting as they end", true, (c, m) => c.SetPreferencesAsync(m, new MemberPreferences { QuietHours = new QuietWindow { Start = "08:00", End = "08:00" } }), MemberRefusal.Invalid, "quietHours.end" },
        { "infinite feature", true, (c, m) => c.SetFeaturesAsync(m, new Dictionary<string, double> { ["tenureWeeks"] = double.PositiveInfinity }), MemberRefusal.Invalid, "features.tenureWeeks" },
        { "plan of a member never seen", false, (c, m) => c.GetPlanAsync(m), MemberRefusal.UnknownMember, "memberId" },
        { "data of a member never seen", false, (c, m) => c.GetMemberAsync(m), MemberRefusal.UnknownMember, "memberId" },
        { "replan of a member never seen", false, (c, m) => c.ReplanAsync(m), MemberRefusal.UnknownMember, "memberId" },
        { "a member id of one dot", false, (c, _) => c.GetPlanAsync("."), MemberRefusal.Invalid, "memberId" },
        { "a member id of two dots", false, (c, _) => c.SetPreferencesAsync("..", new MemberPreferences()), MemberRefusal.Invalid, "memberId" },
    };

    public async Task InitializeAsync()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddNotificationActorsClient(o => o.GatewayPort = silo.GatewayPort);
        _client = builder.Build();
        await _client.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _client.StopAsync();
        _client.Dispose();
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task AHostileCallIsRefusedNamingTheFieldAndTheStoredMemberIsUnchanged(string name, bool known, Func<INotificationActors, string, Task> call, MemberRefusal refusal, string field)
    {
        var client = _client.Services.GetRequiredService<INotificationActors>();
        var member = "c-" + Guid.NewGuid().ToString("N")[..12];
        if (known)
        {
            await client.SetPreferencesAsync(member, new MemberPreferences { TimeZone = "America/Los_Angeles" });
            await client.OfferOpportunityAsync(member, Opportunity("o-first", T, Candidate("m-first")));
        }

        var before = await silo.StoredAsync(member);

        var refused = await Assert.ThrowsAsync<MemberRequestRefusedException>(() => call(client, member));

        Assert.True((refusal, field) == (refused.Refusal, Assert.Single(refused.Errors.Keys)), $"{name}: {refused.Refusal} {refused.Message}");
        Assert.Equal(before, await silo.StoredAsync(member));
        Assert.True(known || before == "none", $"{name}: a member never seen has stored {before}");
    }

    private static CandidateMessage Candidate(string id) =>
        new() { MessageId = id, Channel = MessageChannel.Push, Category = "new-release", TitleId = "t-" + id, Relevance = 0.5 };

    private static SendOpportunity Opportunity(string id, DateTimeOffset time, params CandidateMessage[] candidates) =>
        new() { OpportunityId = id, Time = time, Candidates = candidates };
}
