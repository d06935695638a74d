using System.Net;
using System.Net.Http.Headers;
using System.Text;
using static NotificationActors.Silo.Tests.Api.Json;

namespace NotificationActors.Silo.Tests.Api;

/// <summary>Imports stream line by line: a line over the limit ends the import naming it, and many lines count right.</summary>
public sealed class ImportTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private const int MaxLineBytes = 64 * 1024;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ALineOverTheLimitIs413NamingItAndTheLinesBeforeItAreApplied(bool terminated)
    {
        var members = Enumerable.Range(0, 3).Select(_ => NewMember()).ToArray();
        var lines = new[] { Play(members[0], "a-1"), "", Play(members[1], "a-1"), Padded(Play(members[2], "a-1"), MaxLineBytes + 1) };

        using var response = await ImportAsync(string.Join('\n', lines) + (terminated ? "\n" : ""));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var problem = await response.ReadObject();
        Assert.Equal(4, problem["line"]!.GetValue<int>());
        Assert.Equal(2, problem["processed"]!["accepted"]!.GetValue<int>());
        Assert.Contains("Line 4", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        var engagedDays = await Task.WhenAll(members.Select(EngagedDaysAsync));
        Assert.Equal([1, 1, 0], engagedDays);
    }

    [Fact]
    public async Task ALineOfExactlyTheLimitIsImported()
    {
        var member = NewMember();

        using var response = await ImportAsync(Padded(Play(member, "a-1"), MaxLineBytes) + "\n");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, (await response.ReadObject())["accepted"]!.GetValue<int>());
    }

    [Fact]
    public async Task TwentyThousandLinesOfReplaysAreCountedExactly()
    {
        var members = Enumerable.Range(0, 100).Select(_ => NewMember()).ToArray();
        var body = new StringBuilder();

        // Each member's 10 events 20 times over, interleaved, so copies of one event are often in flight together.
        for (var copy = 0; copy < 20; copy++)
        {
            for (var activity = 0; activity < 10; activity++)
            {
                foreach (var member in members) body.Append(Play(member, $"a-{activity}")).Append('\n');
            }
        }

        using var response = await ImportAsync(body.ToString());

        var report = await response.ReadObject();
        Assert.Equal((1_000, 19_000, 0), (report["accepted"]!.GetValue<int>(), report["duplicates"]!.GetValue<int>(), report["rejected"]!.GetValue<int>()));
        Assert.Equal(1, await EngagedDaysAsync(members[^1]));
    }

    [Fact]
    public async Task ABadLineAfterALongOneIsNamedByItsNumber()
    {
        var member = NewMember();

        using var response = await ImportAsync(string.Join('\n', "\uFEFF" + Padded(Play(member, "a-1"), 10_000), Play(member, "a-2"), """{"memberId":"bad id"}""", Play(member, "a-3").Replace("\"play\"", "1", StringComparison.Ordinal)));

        var report = await response.ReadObject();
        Assert.Equal((2, 2), (report["accepted"]!.GetValue<int>(), report["rejected"]!.GetValue<int>()));
        Assert.Equal([3, 4], report["errors"]!.AsArray().Select(e => e!["line"]!.GetValue<int>()));
        Assert.True(report["errors"]![1]!["errors"]!.AsObject().ContainsKey("type"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("text/plain")]
    [InlineData("application/json")]
    public async Task AnImportNotSentAsNdjsonIs415AndChangesNothing(string? contentType)
    {
        var member = NewMember();
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(Play(member, "a-1") + "\n"));
        if (contentType is not null) content.Headers.ContentType = new MediaTypeHeaderValue(contentType);

        using var response = await api.Client.PostAsync(new Uri("/v1/activity:import", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        var problem = await response.ReadObject();
        Assert.Contains("application/x-ndjson", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(problem["errors"]!.AsObject().ContainsKey("Content-Type"));
        Assert.Equal(0, await EngagedDaysAsync(member));
    }

    private static string NewMember() => "imp-" + Guid.NewGuid().ToString("N")[..12];

    private static string Play(string member, string eventId) =>
        $$"""{"memberId":"{{member}}","eventId":"{{eventId}}","time":"{{Now}}","type":"play","minutes":30}""";

    // JSON allows whitespace around the object: a line of exactly the given length in bytes.
    private static string Padded(string line, int bytes) => line + new string(' ', bytes - Encoding.UTF8.GetByteCount(line));

    private async Task<HttpResponseMessage> ImportAsync(string ndjson) =>
        await api.Client.PostAsync(new Uri("/v1/activity:import", UriKind.Relative), Body(ndjson, "application/x-ndjson"));

    // A member the import never reached is unknown (404): no engaged days.
    private async Task<int> EngagedDaysAsync(string member)
    {
        using var response = await api.Client.GetAsync(new Uri($"/v1/members/{member}", UriKind.Relative));
        return response.StatusCode == HttpStatusCode.NotFound ? 0 : (await response.ReadObject())["engagedDaysThisWeek"]!.GetValue<int>();
    }
}
