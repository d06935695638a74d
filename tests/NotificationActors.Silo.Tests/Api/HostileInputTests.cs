using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using static NotificationActors.Silo.Tests.Api.Json;

namespace NotificationActors.Silo.Tests.Api;

/// <summary>
/// The hostile and careless requests of the hardening review, through the HTTP API of a silo on its SQLite default:
/// each gets its status and a problem naming the field, and the member's row and reminders in the file are byte for
/// byte what they were.
/// </summary>
public sealed class HostileInputTests(SqliteApiFixture silo) : IClassFixture<SqliteApiFixture>
{
    /// <summary>What the member holds before the request.</summary>
    public enum Setup
    {
        /// <summary>Nothing: the member was never told of.</summary>
        Unknown,

        /// <summary>Preferences (in Los Angeles) and one decision.</summary>
        Member,

        /// <summary>As <see cref="Member"/>, and the week's cap of opportunities taken.</summary>
        FullWeek,

        /// <summary>As <see cref="Member"/>, and the most muted categories.</summary>
        FullMutes,
    }

    private const string T = "2026-11-30T10:00:00Z";
    private const string Ahead = "2026-12-02T11:00:00Z";
    private const string Behind = "2026-11-28T09:00:00Z";
    private const string LastWeek = "2026-11-29T20:00:00Z";
    private const string LongAgo = "2026-10-25T09:00:00Z";
    private const string Ok = """{ "messageId": "m-1", "channel": "push", "category": "new-release", "titleId": "t-1", "relevance": 0.5 }""";

    public static TheoryData<string, Setup, string, string, string?, HttpStatusCode, string> Cases() => new()
    {
        // Opportunities.
        { "malformed JSON", Setup.Member, "POST opportunities", """{ "opportunityId": "o-1", """, null, HttpStatusCode.BadRequest, "body" },
        { "unknown channel", Setup.Member, "POST opportunities", Opp(Ok.Replace("\"push\"", "\"fax\"", StringComparison.Ordinal)), null, HttpStatusCode.BadRequest, "candidates[0].channel" },
        { "unknown kind", Setup.Member, "POST opportunities", Opp(Ok).Replace("\"daily\"", "\"weekly\"", StringComparison.Ordinal), null, HttpStatusCode.BadRequest, "kind" },
        { "unknown priority", Setup.Member, "POST opportunities", Opp(Ok.Replace("\"relevance\"", "\"priority\": \"urgent\", \"relevance\"", StringComparison.Ordinal)), null, HttpStatusCode.BadRequest, "candidates[0].priority" },
        { "negative relevance", Setup.Member, "POST opportunities", Opp(Ok.Replace("0.5", "-0.2", StringComparison.Ordinal)), null, HttpStatusCode.BadRequest, "candidates[0].relevance" },
        { "relevance above one", Setup.Member, "POST opportunities", Opp(Ok.Replace("0.5", "1.5", StringComparison.Ordinal)), null, HttpStatusCode.BadRequest, "candidates[0].relevance" },
        { "NaN relevance", Setup.Member, "POST opportunities", Opp(Ok.Replace("0.5", "NaN", StringComparison.Ordinal)), null, HttpStatusCode.BadRequest, "candidates[0].relevance" },
        { "no candidates", Setup.Member, "POST opportunities", Opp(), null, HttpStatusCode.BadRequest, "candidates" },
        { "201 candidates", Setup.Member, "POST opportunities", Opp([.. Enumerable.Range(0, 201).Select(i => Ok.Replace("m-1", $"m-{i}", StringComparison.Ordinal))]), null, HttpStatusCode.BadRequest, "candidates" },
        { "null category", Setup.Member, "POST opportunities", Opp(Ok.Replace("\"new-release\"", "null", StringComparison.Ordinal)), null, HttpStatusCode.BadRequest, "candidates[0].category" },
        { "129-character category", Setup.Member, "POST opportunities", Opp(Ok.Replace("new-release", new string('c', 129), StringComparison.Ordinal)), null, HttpStatusCode.BadRequest, "candidates[0].category" },
        { "duplicate message ids", Setup.Member, "POST opportunities", Opp(Ok, Ok), null, HttpStatusCode.BadRequest, "candidates[1].messageId" },
        { "message id with a slash", Setup.Member, "POST opportunities", Opp(Ok.Replace("m-1", "m/1", StringComparison.Ordinal)), null, HttpStatusCode.BadRequest, "candidates[0].messageId" },
        { "title id with a space", Setup.Member, "POST opportunities", Opp(Ok.Replace("t-1", "t 1", StringComparison.Ordinal)), null, HttpStatusCode.BadRequest, "candidates[0].titleId" },
        { "missing opportunity id", Setup.Member, "POST opportunities", $$"""{ "time": "{{T}}", "candidates": [{{Ok}}] }""", null, HttpStatusCode.BadRequest, "opportunityId" },
        { "129-character opportunity id", Setup.Member, "POST opportunities", Opp(Ok).Replace("o-new", new string('o', 129), StringComparison.Ordinal), null, HttpStatusCode.BadRequest, "opportunityId" },
        { "missing time", Setup.Member, "POST opportunities", $$"""{ "opportunityId": "o-new", "candidates": [{{Ok}}] }""", null, HttpStatusCode.BadRequest, "time" },
        { "time the member's zone cannot hold", Setup.Member, "POST opportunities", Opp(Ok).Replace(T, "0001-01-01T00:00:01Z", StringComparison.Ordinal), null, HttpStatusCode.BadRequest, "time" },
        { "time two days ahead", Setup.Member, "POST opportunities", Opp(Ok).Replace(T, Ahead, StringComparison.Ordinal), null, HttpStatusCode.BadRequest, "time" },
        { "time two days behind", Setup.Member, "POST opportunities", Opp(Ok).Replace(T, Behind, StringComparison.Ordinal), null, HttpStatusCode.BadRequest, "time" },
        { "new opportunity of a closed week", Setup.Member, "POST opportunities", Opp(Ok).Replace(T, LastWeek, StringComparison.Ordinal), null, HttpStatusCode.Conflict, "opportunityId" },
        { "opportunity past the week's cap", Setup.FullWeek, "POST opportunities", Opp(Ok), null, HttpStatusCode.UnprocessableEntity, "opportunityId" },
        { "oversized body", Setup.Member, "POST opportunities", Opp(Ok.Replace("new-release", new string('c', 1_100_000), StringComparison.Ordinal)), null, HttpStatusCode.RequestEntityTooLarge, "" },

        // Strict JSON: enums by their names only, no key twice, the JSON media type.
        { "channel as a number", Setup.Member, "POST opportunities", Opp(Ok.Replace("\"push\"", "1", StringComparison.Ordinal)), null, HttpStatusCode.BadRequest, "candidates[0].channel" },
        { "channels as a comma list", Setup.Member, "POST opportunities", Opp(Ok.Replace("\"push\"", "\"push, email\"", StringComparison.Ordinal)), null, HttpStatusCode.BadRequest, "candidates[0].channel" },
        { "kind as a number", Setup.Member, "POST opportunities", Opp(Ok).Replace("\"daily\"", "2", StringComparison.Ordinal), null, HttpStatusCode.BadRequest, "kind" },
        { "kind as a numeric string", Setup.Member, "POST opportunities", Opp(Ok).Replace("\"daily\"", "\"2\"", StringComparison.Ordinal), null, HttpStatusCode.BadRequest, "kind" },
        { "priority as a number", Setup.Member, "POST opportunities", Opp(Ok.Replace("\"relevance\"", "\"priority\": 1, \"relevance\"", StringComparison.Ordinal)), null, HttpStatusCode.BadRequest, "candidates[0].priority" },
        { "feedback type as a number", Setup.Member, "POST feedback", $$"""{ "eventId": "e-1", "time": "{{T}}", "channel": "push", "type": 1 }""", null, HttpStatusCode.BadRequest, "type" },
        { "activity type as a number", Setup.Member, "POST activity", $$"""{ "eventId": "a-1", "time": "{{T}}", "type": 0, "minutes": 5 }""", null, HttpStatusCode.BadRequest, "type" },
        { "a key twice", Setup.Member, "POST activity", $$"""{ "eventId": "a-1", "eventId": "a-2", "time": "{{T}}", "type": "session" }""", null, HttpStatusCode.BadRequest, "eventId" },
        { "a key twice in another case", Setup.Member, "POST activity", $$"""{ "eventId": "a-1", "time": "{{T}}", "type": "session", "EventId": "a-2" }""", null, HttpStatusCode.BadRequest, "EventId" },
        { "a candidate's key twice", Setup.Member, "POST opportunities", Opp(Ok.Replace("\"channel\": \"push\"", "\"channel\": \"push\", \"channel\": \"email\"", StringComparison.Ordinal)), null, HttpStatusCode.BadRequest, "candidates[0].channel" },
        { "a feature twice", Setup.Member, "PUT features", """{ "features": { "tenureWeeks": 1, "tenureWeeks": 2 } }""", null, HttpStatusCode.BadRequest, "features.tenureWeeks" },
        { "a traffic list twice", Setup.Member, "POST traffic", $$"""{ "activity": [], "activity": [{ "eventId": "a-1", "time": "{{T}}", "type": "play" }] }""", null, HttpStatusCode.BadRequest, "activity" },
        // Malformed bodies: named by their JSON fields, in words free of the .NET types behind them.
        { "a candidate missing its message id", Setup.Member, "POST opportunities", Opp(Ok.Replace("\"messageId\": \"m-1\", ", "", StringComparison.Ordinal)), null, HttpStatusCode.BadRequest, "candidates[0].messageId" },
        { "a batched candidate missing its channel", Setup.Member, "POST traffic", $$"""{ "opportunities": [{{Opp(Ok.Replace("\"channel\": \"push\", ", "", StringComparison.Ordinal))}}] }""", null, HttpStatusCode.BadRequest, "opportunities[0].candidates[0].channel" },
        { "feedback missing its type", Setup.Member, "POST feedback", $$"""{ "eventId": "e-1", "time": "{{T}}" }""", null, HttpStatusCode.BadRequest, "type" },
        { "time as a number", Setup.Member, "POST opportunities", Opp(Ok).Replace($"\"{T}\"", "1764496800", StringComparison.Ordinal), null, HttpStatusCode.BadRequest, "time" },
        { "time that is no time", Setup.Member, "POST opportunities", Opp(Ok).Replace(T, "Monday", StringComparison.Ordinal), null, HttpStatusCode.BadRequest, "time" },
        { "opportunity id as a number", Setup.Member, "POST opportunities", Opp(Ok).Replace("\"o-new\"", "7", StringComparison.Ordinal), null, HttpStatusCode.BadRequest, "opportunityId" },
        { "candidates as a string", Setup.Member, "POST opportunities", $$"""{ "opportunityId": "o-new", "time": "{{T}}", "candidates": "m-1" }""", null, HttpStatusCode.BadRequest, "candidates" },
        { "relevance as a string", Setup.Member, "POST opportunities", Opp(Ok.Replace("0.5", "\"high\"", StringComparison.Ordinal)), null, HttpStatusCode.BadRequest, "candidates[0].relevance" },
        { "channel switches as a string", Setup.Member, "PUT preferences", """{ "timeZone": "UTC", "channels": "all", "mutedCategories": [] }""", null, HttpStatusCode.BadRequest, "channels" },
        { "a feature as a string", Setup.Member, "PUT features", """{ "features": { "tenureWeeks": "forty" } }""", null, HttpStatusCode.BadRequest, "features.tenureWeeks" },
        { "JSON cut short in a candidate", Setup.Member, "POST opportunities", Opp(Ok)[..^20], null, HttpStatusCode.BadRequest, "candidates[0]" },
        { "an array for a body", Setup.Member, "POST opportunities", $"[{Opp(Ok)}]", null, HttpStatusCode.BadRequest, "body" },
        { "an empty body", Setup.Member, "POST activity", "", null, HttpStatusCode.BadRequest, "body" },
        { "an opportunity as text/plain", Setup.Member, "POST opportunities", Opp(Ok), "text/plain", HttpStatusCode.UnsupportedMediaType, "Content-Type" },
        { "preferences as a form", Setup.Member, "PUT preferences", Preferences("UTC"), "application/x-www-form-urlencoded", HttpStatusCode.UnsupportedMediaType, "Content-Type" },
        { "traffic without a media type", Setup.Member, "POST traffic", $$"""{ "opportunities": [{{Opp(Ok)}}] }""", "", HttpStatusCode.UnsupportedMediaType, "Content-Type" },

        // Feedback.
        { "unknown feedback type", Setup.Member, "POST feedback", $$"""{ "eventId": "e-1", "time": "{{T}}", "type": "liked" }""", null, HttpStatusCode.BadRequest, "type" },
        { "opt-out without channel", Setup.Member, "POST feedback", $$"""{ "eventId": "e-1", "time": "{{T}}", "type": "opted-out" }""", null, HttpStatusCode.BadRequest, "channel" },
        { "unsubscribe naming nothing", Setup.Member, "POST feedback", $$"""{ "eventId": "e-1", "time": "{{T}}", "type": "unsubscribed" }""", null, HttpStatusCode.BadRequest, "category" },
        { "unsubscribe from an empty category", Setup.Member, "POST feedback", $$"""{ "eventId": "e-1", "time": "{{T}}", "type": "unsubscribed", "category": "" }""", null, HttpStatusCode.BadRequest, "category" },
        { "feedback without event id", Setup.Member, "POST feedback", $$"""{ "time": "{{T}}", "type": "opened" }""", null, HttpStatusCode.BadRequest, "eventId" },
        { "feedback with a bad message id", Setup.Member, "POST feedback", $$"""{ "eventId": "e-1", "time": "{{T}}", "type": "opened", "messageId": "m 1" }""", null, HttpStatusCode.BadRequest, "messageId" },
        { "feedback from the future", Setup.Member, "POST feedback", $$"""{ "eventId": "e-1", "time": "{{Ahead}}", "type": "opened" }""", null, HttpStatusCode.BadRequest, "time" },
        { "feedback older than the event age", Setup.Member, "POST feedback", $$"""{ "eventId": "e-1", "time": "{{LongAgo}}", "type": "opened" }""", null, HttpStatusCode.BadRequest, "time" },
        { "one muted category too many", Setup.FullMutes, "POST feedback", $$"""{ "eventId": "e-more", "time": "{{T}}", "type": "unsubscribed", "category": "one-more" }""", null, HttpStatusCode.UnprocessableEntity, "category" },

        // Activity.
        { "negative minutes", Setup.Member, "POST activity", $$"""{ "eventId": "a-1", "time": "{{T}}", "type": "session", "minutes": -5 }""", null, HttpStatusCode.BadRequest, "minutes" },
        { "more minutes than a day", Setup.Member, "POST activity", $$"""{ "eventId": "a-1", "time": "{{T}}", "type": "session", "minutes": 1441 }""", null, HttpStatusCode.BadRequest, "minutes" },
        { "unknown activity type", Setup.Member, "POST activity", $$"""{ "eventId": "a-1", "time": "{{T}}", "type": "browse" }""", null, HttpStatusCode.BadRequest, "type" },
        { "activity from the future", Setup.Member, "POST activity", $$"""{ "eventId": "a-1", "time": "{{Ahead}}", "type": "play" }""", null, HttpStatusCode.BadRequest, "time" },

        // Traffic batches: one bad item refuses the batch.
        { "batch with a bad opportunity", Setup.Member, "POST traffic", $$"""{ "opportunities": [{{Opp(Ok)}}, {{Opp(Ok.Replace("\"push\"", "\"fax\"", StringComparison.Ordinal)).Replace("o-new", "o-2", StringComparison.Ordinal)}}] }""", null, HttpStatusCode.BadRequest, "opportunities[1].candidates[0].channel" },
        { "batch with a bad event id", Setup.Member, "POST traffic", $$"""{ "activity": [{ "eventId": "a-1", "time": "{{T}}", "type": "session" }, { "eventId": "a 2", "time": "{{T}}", "type": "session" }] }""", null, HttpStatusCode.BadRequest, "activity[1].eventId" },
        { "batch with a late event", Setup.Member, "POST traffic", $$"""{ "activity": [{ "eventId": "a-1", "time": "{{T}}", "type": "session" }, { "eventId": "a-2", "time": "{{LongAgo}}", "type": "session" }] }""", null, HttpStatusCode.BadRequest, "activity[1].time" },
        { "batch over 1000 items", Setup.Member, "POST traffic", $$"""{ "activity": [{{string.Join(",", Enumerable.Range(0, 1001).Select(i => $$$"""{ "eventId": "a-{{{i}}}", "time": "{{{T}}}", "type": "play" }"""))}}] }""", null, HttpStatusCode.BadRequest, "body" },
        { "batch with a null list", Setup.Member, "POST traffic", """{ "feedback": null }""", null, HttpStatusCode.BadRequest, "body" },
        { "batch passing the week's cap", Setup.FullWeek, "POST traffic", $$"""{ "opportunities": [{{Opp(Ok)}}] }""", null, HttpStatusCode.UnprocessableEntity, "opportunities[0].opportunityId" },
        { "batch muting one too many", Setup.FullMutes, "POST traffic", $$"""{ "feedback": [{ "eventId": "e-more", "time": "{{T}}", "type": "unsubscribed", "category": "one-more" }] }""", null, HttpStatusCode.UnprocessableEntity, "feedback[0].category" },

        // Preferences and features.
        { "unknown time zone", Setup.Member, "PUT preferences", Preferences("Mars/Olympus_Mons"), null, HttpStatusCode.BadRequest, "timeZone" },
        { "tz database file that is no zone", Setup.Member, "PUT preferences", Preferences("posixrules"), null, HttpStatusCode.BadRequest, "timeZone" },
        { "quiet hours at 25:00", Setup.Member, "PUT preferences", Preferences("UTC", """, "quietHours": { "start": "25:00", "end": "08:00" }"""), null, HttpStatusCode.BadRequest, "quietHours.start" },
        { "quiet hours starting as they end", Setup.Member, "PUT preferences", Preferences("UTC", """, "quietHours": { "start": "08:00", "end": "08:00" }"""), null, HttpStatusCode.BadRequest, "quietHours.end" },
        { "257 muted categories", Setup.Member, "PUT preferences", Preferences("UTC", "", Enumerable.Range(0, 257).Select(i => $"c-{i}")), null, HttpStatusCode.BadRequest, "mutedCategories" },
        { "preferences with null channels", Setup.Member, "PUT preferences", """{ "timeZone": "UTC", "channels": null, "mutedCategories": [] }""", null, HttpStatusCode.BadRequest, "channels" },
        { "infinite feature", Setup.Member, "PUT features", """{ "features": { "tenureWeeks": 1e999 } }""", null, HttpStatusCode.BadRequest, "features.tenureWeeks" },
        { "feature name with a space", Setup.Member, "PUT features", """{ "features": { "tenure weeks": 1 } }""", null, HttpStatusCode.BadRequest, "features.tenure weeks" },
        { "257 features", Setup.Member, "PUT features", $$"""{ "features": { {{string.Join(",", Enumerable.Range(0, 257).Select(i => $"\"f{i}\": 1"))}} } }""", null, HttpStatusCode.BadRequest, "features" },

        // Reads and admin calls never create a member.
        { "plan of a member never seen", Setup.Unknown, "GET plan", "", null, HttpStatusCode.NotFound, "memberId" },
        { "data of a member never seen", Setup.Unknown, "GET ", "", null, HttpStatusCode.NotFound, "memberId" },
        { "replan of a member never seen", Setup.Unknown, "POST plan:replan", "", null, HttpStatusCode.NotFound, "memberId" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task AHostileRequestIsRefusedNamingTheFieldAndTheStoredMemberIsUnchanged(string name, Setup setup, string request, string body, string? contentType, HttpStatusCode status, string field)
    {
        var member = "h-" + Guid.NewGuid().ToString("N")[..12];
        await PrepareAsync(member, setup);
        var before = await silo.StoredAsync(member);

        var (method, resource) = (request.Split(' ')[0], request.Split(' ')[1]);
        using var message = new HttpRequestMessage(new HttpMethod(method), new Uri($"/v1/members/{member}/{resource}", UriKind.Relative));
        if (method != "GET")
        {
            message.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            if (contentType != "") message.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType ?? "application/json");

            // Kestrel answers 413 and closes without reading an oversized body; a client that sent it anyway would
            // meet a broken pipe instead of the answer, so it waits to be asked for the body, as careful clients do.
            message.Headers.ExpectContinue = true;
        }

        using var response = await silo.Client.SendAsync(message);

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"{name}: {response.StatusCode} {text}");
        Assert.False(text.Contains("NotificationActors.", StringComparison.Ordinal) || text.Contains("System.", StringComparison.Ordinal), $"{name}: the answer names a .NET type: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        if (field.Length > 0)
        {
            var errors = (await response.ReadObject())["errors"]!.AsObject();
            Assert.True(errors.ContainsKey(field), $"{name}: errors name {string.Join(", ", errors.Select(e => e.Key))}, not {field}");
        }

        Assert.Equal(before, await silo.StoredAsync(member));
        Assert.True(setup != Setup.Unknown || before == "none", $"{name}: a member never seen has stored {before}");
    }

    [Fact]
    public async Task TheFixtureSeesWhatTheSiloStores()
    {
        var member = "h-" + Guid.NewGuid().ToString("N")[..12];
        await PrepareAsync(member, Setup.Member);

        var stored = await silo.StoredAsync(member);

        Assert.StartsWith("v2:", stored, StringComparison.Ordinal);
        Assert.EndsWith("|reminder:weekly-plan", stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnImportRefusesMemberIdsOfDotsAndStoresNothingForThem()
    {
        var member = "h-" + Guid.NewGuid().ToString("N")[..12];
        var lines = string.Join('\n', new[] { ".", "..", member }.Select(id => $$"""{"memberId":"{{id}}","eventId":"a-1","time":"{{T}}","type":"play","minutes":5}"""));

        using var response = await silo.Client.PostAsync(new Uri("/v1/activity:import", UriKind.Relative), new StringContent(lines, Encoding.UTF8, "application/x-ndjson"));
        var report = await response.ReadObject();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal((1, 2), (report["accepted"]!.GetValue<int>(), report["rejected"]!.GetValue<int>()));
        Assert.All(report["errors"]!.AsArray(), e => Assert.True(e!["errors"]!.AsObject().ContainsKey("memberId")));
        Assert.Equal(("none", "none"), (await silo.StoredAsync("."), await silo.StoredAsync("..")));
    }

    [Fact]
    public async Task AnImportNamesEachBadLinesFieldsInJsonTerms()
    {
        var member = "h-" + Guid.NewGuid().ToString("N")[..12];
        var lines = string.Join('\n',
            $$"""{"memberId":"{{member}}","time":"{{T}}","type":"play"}""",
            $$"""{"memberId":"{{member}}","eventId":"a-2","time":5,"type":"play"}""",
            $$"""{"memberId":"{{member}}","eventId":"a-3","time":"{{T}}","type":"browse"}""",
            $$"""{"memberId":"{{member}}","eventId":"a-4","time":""");

        using var response = await silo.Client.PostAsync(new Uri("/v1/activity:import", UriKind.Relative), new StringContent(lines, Encoding.UTF8, "application/x-ndjson"));
        var text = await response.Content.ReadAsStringAsync();
        var errors = (await response.ReadObject())["errors"]!.AsArray().Select(e => e!["errors"]!.AsObject()).ToList();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // The last line is cut short where its time should be.
        Assert.Equal(["eventId", "time", "type", "time"], errors.Select(e => Assert.Single(e).Key));
        Assert.Equal("Expected one of session, play.", errors[2]["type"]![0]!.GetValue<string>());
        Assert.StartsWith("Not well-formed JSON at line 1", errors[3]["time"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain("NotificationActors.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", text, StringComparison.Ordinal);
        Assert.Equal("none", await silo.StoredAsync(member));
    }

    [Theory]
    [InlineData("""{ "opportunityId": "o-1", "time": "2026-11-30T10:00:00Z", "candidates": [{ "messageId": "m-1", "channel": "fax" }] }""", "candidates[0].channel", "Expected one of push, email, inapp.")]
    [InlineData("""{ "opportunityId": "o-1", "time": "2026-11-30T10:00:00Z", "candidates": [{ "channel": "push" }] }""", "candidates[0].messageId", "Required.")]
    [InlineData("""{ "opportunityId": "o-1", "time": true, "candidates": [] }""", "time", "Expected an RFC 3339 time such as \"2026-11-23T18:00:00Z\".")]
    public async Task AMalformedFieldIsExplainedInJsonTerms(string body, string field, string message)
    {
        using var response = await silo.Client.PostAsync(new Uri("/v1/members/h-words/opportunities", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"));

        var errors = (await response.ReadObject())["errors"]!.AsObject();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(message, Assert.Single(errors, e => e.Key == field).Value![0]!.GetValue<string>());
    }

    private async Task PrepareAsync(string member, Setup setup)
    {
        if (setup == Setup.Unknown) return;
        await SendAsync(HttpMethod.Put, member, "preferences", """{ "timeZone": "America/Los_Angeles", "channels": { "push": true, "email": true, "inapp": true }, "mutedCategories": [] }""");
        await SendAsync(HttpMethod.Post, member, "opportunities", Opp(Ok).Replace("o-new", "o-first", StringComparison.Ordinal));
        if (setup == Setup.FullWeek)
        {
            var opportunities = Enumerable.Range(0, 499).Select(i => Opp(Ok).Replace("o-new", $"o-{i}", StringComparison.Ordinal));
            await SendAsync(HttpMethod.Post, member, "traffic", $$"""{ "opportunities": [{{string.Join(",", opportunities)}}] }""");
        }
        else if (setup == Setup.FullMutes)
        {
            var unsubscribes = Enumerable.Range(0, 256).Select(i => $$"""{ "eventId": "u-{{i}}", "time": "{{T}}", "type": "unsubscribed", "category": "c-{{i}}" }""");
            await SendAsync(HttpMethod.Post, member, "traffic", $$"""{ "feedback": [{{string.Join(",", unsubscribes)}}] }""");
        }
    }

    private async Task SendAsync(HttpMethod method, string member, string resource, string body)
    {
        using var response = await silo.Client.SendAsync(new HttpRequestMessage(method, new Uri($"/v1/members/{member}/{resource}", UriKind.Relative))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        });
        Assert.True(response.IsSuccessStatusCode, $"{method} {resource}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private static string Opp(params string[] candidates) =>
        $$"""{ "opportunityId": "o-new", "time": "{{T}}", "kind": "daily", "candidates": [{{string.Join(",", candidates)}}] }""";

    private static string Preferences(string zone, string extra = "", IEnumerable<string>? muted = null) =>
        $$"""{ "timeZone": "{{zone}}", "channels": { "push": true }, "mutedCategories": [{{string.Join(",", (muted ?? []).Select(m => $"\"{m}\""))}}]{{extra}} }""";
}
