using System.Net;
using System.Text.Json.Nodes;
using static NotificationActors.Silo.Tests.Api.Json;

namespace NotificationActors.Silo.Tests.Api;

/// <summary>Each bad request gets its status and a problem naming what is wrong, and changes no state.</summary>
public sealed class BadInputTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    public static TheoryData<string, string, string, Func<string>, HttpStatusCode, string> Cases() => new()
    {
        { "malformed JSON", "POST", "opportunities", () => """{ "opportunityId": "o-1", """, HttpStatusCode.BadRequest, "body" },
        { "unknown channel", "POST", "opportunities", () => Opportunity("o-1", Candidate("m-1", channel: "fax")).ToJsonString(), HttpStatusCode.BadRequest, "candidates[0].channel" },
        { "negative relevance", "POST", "opportunities", () => Opportunity("o-1", Candidate("m-1", relevance: -0.2)).ToJsonString(), HttpStatusCode.BadRequest, "candidates[0].relevance" },
        { "NaN relevance", "POST", "opportunities", () => Opportunity("o-1", Candidate("m-1")).ToJsonString().Replace("0.5", "NaN", StringComparison.Ordinal), HttpStatusCode.BadRequest, "candidates[0].relevance" },
        { "201 candidates", "POST", "opportunities", () => Opportunity("o-1", Enumerable.Range(0, 201).Select(i => Candidate($"m-{i}")).ToArray()).ToJsonString(), HttpStatusCode.BadRequest, "candidates" },
        { "null category", "POST", "opportunities", () => Opportunity("o-1", Candidate("m-1")).ToJsonString().Replace("\"new-release\"", "null", StringComparison.Ordinal), HttpStatusCode.BadRequest, "candidates[0].category" },
        { "duplicate message ids", "POST", "opportunities", () => Opportunity("o-1", Candidate("m-1"), Candidate("m-1")).ToJsonString(), HttpStatusCode.BadRequest, "candidates[1].messageId" },
        { "missing opportunity id", "POST", "opportunities", () => """{ "time": "2026-11-23T18:00:00Z", "candidates": [] }""", HttpStatusCode.BadRequest, "opportunityId" },
        { "bad time zone", "PUT", "preferences", () => """{ "timeZone": "Mars/Olympus_Mons", "channels": { "push": false }, "mutedCategories": [] }""", HttpStatusCode.BadRequest, "timeZone" },
        { "bad quiet hours", "PUT", "preferences", () => """{ "timeZone": "UTC", "channels": { "push": false }, "mutedCategories": [], "quietHours": { "start": "25:00", "end": "08:00" } }""", HttpStatusCode.BadRequest, "quietHours.start" },
        { "unknown feedback type", "POST", "feedback", () => $$"""{ "eventId": "e-1", "time": "{{Now}}", "type": "liked" }""", HttpStatusCode.BadRequest, "type" },
        { "opt-out without channel", "POST", "feedback", () => $$"""{ "eventId": "e-1", "time": "{{Now}}", "type": "opted-out" }""", HttpStatusCode.BadRequest, "channel" },
        { "negative minutes", "POST", "activity", () => $$"""{ "eventId": "a-1", "time": "{{Now}}", "type": "session", "minutes": -5 }""", HttpStatusCode.BadRequest, "minutes" },
        { "infinite feature", "PUT", "features", () => """{ "features": { "tenureWeeks": 1e999 } }""", HttpStatusCode.BadRequest, "features.tenureWeeks" },
        { "traffic with a bad opportunity", "POST", "traffic", () => new JsonObject { ["opportunities"] = new JsonArray(Opportunity("o-1", Candidate("m-1")), Opportunity("o-2", Candidate("m-2", channel: "fax"))) }.ToJsonString(), HttpStatusCode.BadRequest, "opportunities[1].candidates[0].channel" },
        { "traffic with a bad event", "POST", "traffic", () => $$"""{ "activity": [{ "eventId": "a-1", "time": "{{Now}}", "type": "session", "minutes": 30 }, { "eventId": "a 2", "time": "{{Now}}", "type": "session" }] }""", HttpStatusCode.BadRequest, "activity[1].eventId" },
        { "traffic over 1000 items", "POST", "traffic", () => $$"""{ "activity": [{{string.Join(",", Enumerable.Range(0, 1001).Select(i => $$$"""{ "eventId": "a-{{{i}}}", "time": "{{{Now}}}", "type": "play" }"""))}}] }""", HttpStatusCode.BadRequest, "body" },
        { "channel as a number", "POST", "opportunities", () => Opportunity("o-1", Candidate("m-1")).ToJsonString().Replace("\"push\"", "1", StringComparison.Ordinal), HttpStatusCode.BadRequest, "candidates[0].channel" },
        { "channels as a comma list", "POST", "opportunities", () => Opportunity("o-1", Candidate("m-1", channel: "push, email")).ToJsonString(), HttpStatusCode.BadRequest, "candidates[0].channel" },
        { "kind as a number", "POST", "opportunities", () => Opportunity("o-1", Candidate("m-1")).ToJsonString().Replace("\"daily\"", "2", StringComparison.Ordinal), HttpStatusCode.BadRequest, "kind" },
        { "kind as a numeric string", "POST", "opportunities", () => Opportunity("o-1", Candidate("m-1")).ToJsonString().Replace("\"daily\"", "\"2\"", StringComparison.Ordinal), HttpStatusCode.BadRequest, "kind" },
        { "priority as a number", "POST", "opportunities", () => Opportunity("o-1", Candidate("m-1")).ToJsonString().Replace("\"relevance\"", "\"priority\":1,\"relevance\"", StringComparison.Ordinal), HttpStatusCode.BadRequest, "candidates[0].priority" },
        { "feedback type as a number", "POST", "feedback", () => $$"""{ "eventId": "e-1", "time": "{{Now}}", "channel": "push", "type": 1 }""", HttpStatusCode.BadRequest, "type" },
        { "activity type as a number", "POST", "activity", () => $$"""{ "eventId": "a-1", "time": "{{Now}}", "type": 0, "minutes": 5 }""", HttpStatusCode.BadRequest, "type" },
        { "a key twice", "POST", "activity", () => $$"""{ "eventId": "a-1", "eventId": "a-2", "time": "{{Now}}", "type": "session" }""", HttpStatusCode.BadRequest, "eventId" },
        { "a key twice in another case", "POST", "activity", () => $$"""{ "eventId": "a-1", "time": "{{Now}}", "type": "session", "EventId": "a-2" }""", HttpStatusCode.BadRequest, "EventId" },
        { "a candidate's key twice", "POST", "opportunities", () => Opportunity("o-1", Candidate("m-1")).ToJsonString().Replace("\"channel\":\"push\"", "\"channel\":\"push\",\"channel\":\"email\"", StringComparison.Ordinal), HttpStatusCode.BadRequest, "candidates[0].channel" },
        { "a feature twice", "PUT", "features", () => """{ "features": { "tenureWeeks": 1, "tenureWeeks": 2 } }""", HttpStatusCode.BadRequest, "features.tenureWeeks" },
        { "a traffic list twice", "POST", "traffic", () => $$"""{ "activity": [], "activity": [{ "eventId": "a-1", "time": "{{Now}}", "type": "play" }] }""", HttpStatusCode.BadRequest, "activity" },
        { "oversized body", "POST", "opportunities", () => Opportunity("o-1", Candidate(new string('x', 100))).ToJsonString().Replace("new-release", new string('c', 1_100_000), StringComparison.Ordinal), HttpStatusCode.RequestEntityTooLarge, "" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task ABadRequestIsRefusedNamingTheFieldAndChangesNothing(string name, string method, string resource, Func<string> body, HttpStatusCode status, string field)
    {
        var member = "m-" + Guid.NewGuid().ToString("N")[..12];
        await api.Client.PutAsync(new Uri($"/v1/members/{member}/preferences", UriKind.Relative), Body("""{ "timeZone": "UTC", "channels": { "push": true }, "mutedCategories": [] }"""));
        var before = await State(api.Client, member);

        using var response = await api.Client.Send(new HttpMethod(method), $"/v1/members/{member}/{resource}", Body(body()));

        Assert.True(status == response.StatusCode, $"{name}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        if (field.Length > 0)
        {
            var errors = (await response.ReadObject())["errors"]!.AsObject();
            Assert.True(errors.ContainsKey(field), $"{name}: errors name {string.Join(", ", errors.Select(e => e.Key))}, not {field}");
        }

        Assert.Equal(before, await State(api.Client, member));
    }

    [Theory]
    [InlineData("bad id")]
    [InlineData("x/y")]
    public async Task ABadMemberIdIsRefused(string memberId)
    {
        using var response = await api.Client.GetAsync(new Uri($"/v1/members/{Uri.EscapeDataString(memberId)}/plan", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ReadObject())["errors"]!.AsObject().ContainsKey("memberId"));
    }

    [Fact]
    public async Task AnOverlongMemberIdIsRefused()
    {
        using var response = await api.Client.GetAsync(new Uri($"/v1/members/{new string('a', 129)}/plan", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key")]
    public async Task AMissingOrWrongApiKeyIs401AndChangesNothing(string? key)
    {
        var member = "m-" + Guid.NewGuid().ToString("N")[..12];
        var before = await State(api.Client, member);
        using var client = api.NewClient(key);

        using var response = await client.PostAsync(new Uri($"/v1/members/{member}/opportunities", UriKind.Relative), Body(Opportunity("o-1", Candidate("m-1"))));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(before, await State(api.Client, member));
    }

    [Fact]
    public async Task HealthNeedsNoApiKey()
    {
        using var client = api.NewClient(null);

        using var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
