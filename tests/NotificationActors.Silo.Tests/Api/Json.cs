using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NotificationActors.Silo.Tests.Api;

/// <summary>Small builders for request bodies and helpers for reading responses.</summary>
internal static class Json
{
    public static readonly string Now = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);

    public static StringContent Body(string json, string contentType = "application/json") => new(json, Encoding.UTF8, contentType);

    /// <summary>Preferences with every channel on: a PUT of them makes a member known.</summary>
    public const string DefaultPreferences = """{ "timeZone": "UTC", "channels": { "push": true, "email": true, "inapp": true }, "mutedCategories": [] }""";

    public static StringContent Body(JsonNode node) => Body(node.ToJsonString());

    public static JsonObject Candidate(string messageId, string channel = "push", double relevance = 0.5) =>
        new() { ["messageId"] = messageId, ["channel"] = channel, ["category"] = "new-release", ["titleId"] = "t-" + messageId, ["relevance"] = relevance };

    public static JsonObject Opportunity(string id, params JsonObject[] candidates) => OpportunityAt(id, Now, candidates);

    public static JsonObject OpportunityAt(string id, string time, params JsonObject[] candidates) =>
        new() { ["opportunityId"] = id, ["time"] = time, ["kind"] = "daily", ["candidates"] = new JsonArray(candidates) };

    /// <summary>
    /// Host arguments for a silo that takes <see cref="EndOfWeek"/>'s opportunities: it accepts times within its
    /// TimeWindow of its clock (two days by default), and early in the week the week's end lies up to seven days ahead.
    /// </summary>
    public static readonly string[] WeekAhead = ["--NotificationActors:Members:TimeWindow=8.00:00:00"];

    /// <summary>A few minutes before this UTC ISO week ends: pacing sends whatever budget is left, so a send is certain (the silo needs <see cref="WeekAhead"/>).</summary>
    public static string EndOfWeek()
    {
        var today = DateTime.UtcNow.Date;
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        return monday.AddDays(7).AddMinutes(-5).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
    }

    public static async Task<JsonObject> ReadObject(this HttpResponseMessage response) =>
        (JsonObject)(JsonNode.Parse(await response.Content.ReadAsStringAsync()) ?? throw new InvalidOperationException("Empty body."));

    /// <summary>What GET returns of the member (a read changes nothing), the status first; a problem's trace id is dropped.</summary>
    public static async Task<string> State(HttpClient client, string memberId)
    {
        using var response = await client.GetAsync(new Uri($"/v1/members/{memberId}", UriKind.Relative));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        body.Remove("traceId");
        return $"{(int)response.StatusCode} {body.ToJsonString()}";
    }

    public static Task<HttpResponseMessage> Send(this HttpClient client, HttpMethod method, string path, HttpContent? content = null) =>
        client.SendAsync(new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = content });

    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);

    public static Task<T?> As<T>(this HttpResponseMessage response) => response.Content.ReadFromJsonAsync<T>(Options);
}
