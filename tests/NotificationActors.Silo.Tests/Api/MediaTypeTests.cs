using System.Net;
using System.Net.Http.Headers;
using System.Text;
using NotificationActors.Silo.Clock;
using NotificationActors.Silo.Hosting;
using static NotificationActors.Silo.Tests.Api.Json;

namespace NotificationActors.Silo.Tests.Api;

/// <summary>A JSON body sent as anything but <c>application/json</c> (UTF-8) is a 415 naming the type, unread, changing nothing.</summary>
public sealed class MediaTypeTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private static readonly (string Method, string Resource, Func<string> Body)[] Routes =
    [
        ("POST", "opportunities", () => Opportunity("o-1", Candidate("m-1")).ToJsonString()),
        ("POST", "feedback", () => $$"""{ "eventId": "e-1", "time": "{{Now}}", "channel": "push", "type": "opted-out" }"""),
        ("POST", "activity", () => $$"""{ "eventId": "a-1", "time": "{{Now}}", "type": "play", "minutes": 30 }"""),
        ("POST", "traffic", () => $$"""{ "activity": [{ "eventId": "a-1", "time": "{{Now}}", "type": "play", "minutes": 30 }] }"""),
        ("PUT", "preferences", () => """{ "timeZone": "Europe/Paris", "channels": { "push": false }, "mutedCategories": [] }"""),
        ("PUT", "features", () => """{ "features": { "tenureWeeks": 3 } }"""),
    ];

    public static TheoryData<string, string, string?> Refused()
    {
        var data = new TheoryData<string, string, string?>();
        foreach (var (method, resource, _) in Routes)
        {
            foreach (var type in new[] { null, "text/plain; charset=utf-8", "application/x-www-form-urlencoded", "application/json; charset=utf-16", "application/x-ndjson" })
            {
                data.Add(method, resource, type);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task ABodyNotSentAsJsonIs415AndChangesNothing(string method, string resource, string? contentType)
    {
        var member = "m-" + Guid.NewGuid().ToString("N")[..12];
        var before = await State(api.Client, member);

        using var response = await api.Client.Send(new HttpMethod(method), $"/v1/members/{member}/{resource}", Content(BodyOf(resource), contentType));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.ReadObject();
        Assert.Contains("application/json", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(problem["errors"]!.AsObject().ContainsKey("Content-Type"));
        Assert.Equal(before, await State(api.Client, member));
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("Application/JSON; charset=UTF-8")]
    public async Task JsonWithoutACharsetOrInUtf8IsRead(string contentType)
    {
        var member = "m-" + Guid.NewGuid().ToString("N")[..12];

        using var response = await api.Client.Send(HttpMethod.Put, $"/v1/members/{member}/features", Content(BodyOf("features"), contentType));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task TheClockRefusesABodyNotSentAsJson()
    {
        var simulated = new SiloSettings("http://127.0.0.1:0", StorageDeployments.Memory, 0, 0, SiloSettings.DefaultDataDirectory) { Clock = ClockKind.Simulated };
        await using var app = SiloHost.Build(simulated);
        await app.StartAsync(TestContext.Current);
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };

        using var response = await client.PostAsync(new Uri("/v1/admin/clock", UriKind.Relative), Content("""{ "advanceBy": "P7D" }""", "text/plain"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.True((await response.ReadObject())["errors"]!.AsObject().ContainsKey("Content-Type"));
        await app.StopAsync(TestContext.Current);
    }

    private static string BodyOf(string resource) => Routes.Single(r => r.Resource == resource).Body();

    // Set by hand: StringContent would add a charset of its own, or text/plain when given none.
    private static ByteArrayContent Content(string body, string? contentType)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        if (contentType is not null) content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return content;
    }
}
