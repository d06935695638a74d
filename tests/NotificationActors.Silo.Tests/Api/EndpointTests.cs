using System.Net;
using System.Text.Json.Nodes;
using static NotificationActors.Silo.Tests.Api.Json;

namespace NotificationActors.Silo.Tests.Api;

public sealed class EndpointTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private static string NewMember() => "m-" + Guid.NewGuid().ToString("N")[..12];

    [Fact]
    public async Task TheCurlSessionOfTheReadmeWorks()
    {
        var member = NewMember();
        var client = api.Client;

        using var preferences = await client.PutAsync(new Uri($"/v1/members/{member}/preferences", UriKind.Relative), Body(
            """{ "timeZone": "Europe/Paris", "channels": { "push": true, "email": false, "inapp": true }, "mutedCategories": ["promotions"], "quietHours": { "start": "22:00", "end": "08:00" } }"""));
        using var offered = await client.PostAsync(new Uri($"/v1/members/{member}/opportunities", UriKind.Relative), Body(Opportunity("o-1", Candidate("m-1"))));
        using var replayed = await client.PostAsync(new Uri($"/v1/members/{member}/opportunities", UriKind.Relative), Body(Opportunity("o-1", Candidate("m-2"))));
        using var feedback = await client.PostAsync(new Uri($"/v1/members/{member}/feedback", UriKind.Relative), Body(
            $$"""{ "eventId": "e-1", "time": "{{Now}}", "messageId": "m-1", "channel": "push", "type": "opened" }"""));
        using var activity = await client.PostAsync(new Uri($"/v1/members/{member}/activity", UriKind.Relative), Body(
            $$"""{ "eventId": "a-1", "time": "{{Now}}", "type": "session", "minutes": 42 }"""));
        using var plan = await client.GetAsync(new Uri($"/v1/members/{member}/plan", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, preferences.StatusCode);
        Assert.Equal("Europe/Paris", (await preferences.ReadObject())["timeZone"]!.GetValue<string>());
        Assert.False((await preferences.ReadObject())["channels"]!["email"]!.GetValue<bool>());
        var decision = await offered.ReadObject();
        Assert.Equal(HttpStatusCode.OK, offered.StatusCode);
        Assert.Equal(decision.ToJsonString(), (await replayed.ReadObject()).ToJsonString());
        // Any reason a member with push on and email off can get; exploration may even plan no pushes this week.
        Assert.Contains(decision["reason"]!.GetValue<string>(), new[] { "selected", "pacing", "quiet-hours", "budget-exhausted" });
        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.Accepted), (feedback.StatusCode, activity.StatusCode));
        var planBody = await plan.ReadObject();
        Assert.Equal(decision["planWeek"]!.GetValue<string>(), planBody["week"]!.GetValue<string>());
        Assert.Equal(0, planBody["email"]!.GetValue<int>());
        foreach (var field in new[] { "push", "pacing", "modelVersion", "propensity", "policy", "utility", "sent" })
        {
            Assert.True(planBody.ContainsKey(field), $"the plan has no '{field}'");
        }
    }

    [Fact]
    public async Task QueuedTrafficIsDecidedInOrderAndAReplayChangesNothing()
    {
        var member = NewMember();
        var traffic = $$"""
            { "feedback": [{ "eventId": "e-1", "time": "{{Now}}", "channel": "email", "type": "opted-out" }],
              "activity": [{ "eventId": "a-1", "time": "{{Now}}", "type": "session", "minutes": 12 }],
              "opportunities": [{{Opportunity("o-1", Candidate("m-1", channel: "email"))}}, {{Opportunity("o-2", Candidate("m-2"))}}] }
            """;

        using var first = await api.Client.PostAsync(new Uri($"/v1/members/{member}/traffic", UriKind.Relative), Body(traffic));
        var receipt = await first.ReadObject();
        using var replay = await api.Client.PostAsync(new Uri($"/v1/members/{member}/traffic", UriKind.Relative), Body(traffic));
        var again = await replay.ReadObject();

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var decisions = receipt["decisions"]!.AsArray();
        Assert.Equal(["o-1", "o-2"], decisions.Select(d => d!["opportunityId"]!.GetValue<string>()));
        Assert.Equal("opted-out", decisions[0]!["reason"]!.GetValue<string>());
        Assert.Equal((2, 0), (receipt["eventsApplied"]!.GetValue<int>(), again["eventsApplied"]!.GetValue<int>()));
        Assert.Equal(decisions.ToJsonString(), again["decisions"]!.ToJsonString());
    }

    [Fact]
    public async Task FeaturesReplanMemberDataAndForget()
    {
        var member = NewMember();
        var client = api.Client;

        using var features = await client.PutAsync(new Uri($"/v1/members/{member}/features", UriKind.Relative), Body("""{ "features": { "tenureWeeks": 40, "engagedDaysPerWeek": 1.5 } }"""));
        using var replan = await client.PostAsync(new Uri($"/v1/members/{member}/plan:replan", UriKind.Relative), null);
        var data = await (await client.GetAsync(new Uri($"/v1/members/{member}", UriKind.Relative))).ReadObject();
        using var forget = await client.DeleteAsync(new Uri($"/v1/members/{member}", UriKind.Relative));
        using var after = await client.GetAsync(new Uri($"/v1/members/{member}", UriKind.Relative));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.NoContent), (features.StatusCode, replan.StatusCode, forget.StatusCode));
        Assert.Equal(40, data["features"]!["tenureWeeks"]!.GetValue<double>());
        Assert.Equal(1.5, data["derivedFeatures"]!["engagedDaysPerWeek"]!.GetValue<double>());
        Assert.Equal(HttpStatusCode.NotFound, after.StatusCode);
        Assert.True((await after.ReadObject())["errors"]!.AsObject().ContainsKey("memberId"));
    }

    [Fact]
    public async Task ImportsReportAcceptedDuplicateAndRejectedLines()
    {
        var member = NewMember();
        var lines = string.Join('\n',
            $$"""{"memberId":"{{member}}","eventId":"a-1","time":"{{Now}}","type":"play","minutes":30}""",
            $$"""{"memberId":"bad id","eventId":"a-2","time":"{{Now}}","type":"play"}""",
            $$"""{"memberId":"{{member}}","eventId":"a-1","time":"{{Now}}","type":"play","minutes":30}""",
            "not json");

        using var activity = await api.Client.PostAsync(new Uri("/v1/activity:import", UriKind.Relative), Body(lines, "application/x-ndjson"));
        using var features = await api.Client.PostAsync(new Uri("/v1/features:import", UriKind.Relative), Body(
            $$$"""{"memberId":"{{{member}}}","features":{"tenureWeeks":3}}""", "application/x-ndjson"));

        var report = await activity.ReadObject();
        Assert.Equal((1, 1, 2), (report["accepted"]!.GetValue<int>(), report["duplicates"]!.GetValue<int>(), report["rejected"]!.GetValue<int>()));
        Assert.Equal([2, 4], report["errors"]!.AsArray().Select(e => e!["line"]!.GetValue<int>()));
        Assert.Equal(1, (await features.ReadObject())["accepted"]!.GetValue<int>());
        Assert.Equal(1, (await (await api.Client.GetAsync(new Uri($"/v1/members/{member}", UriKind.Relative))).ReadObject())["engagedDaysThisWeek"]!.GetValue<int>());
    }

    [Fact]
    public async Task TheClusterViewListsThisActiveSilo()
    {
        var cluster = await (await api.Client.GetAsync(new Uri("/v1/cluster", UriKind.Relative))).ReadObject();

        var silo = Assert.Single(cluster["silos"]!.AsArray());
        Assert.Equal((cluster["thisSilo"]!.GetValue<string>(), "active"), (silo!["id"]!.GetValue<string>(), silo["status"]!.GetValue<string>()));
    }

    [Fact]
    public async Task TheSimulatedClockIsAbsentUnderTheSystemClock()
    {
        using var response = await api.Client.PostAsync(new Uri("/v1/admin/clock", UriKind.Relative), Body("""{ "advanceBy": "P7D" }"""));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
