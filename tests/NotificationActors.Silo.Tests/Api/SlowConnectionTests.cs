using static NotificationActors.Silo.Tests.Api.Json;

namespace NotificationActors.Silo.Tests.Api;

/// <summary>Idle and slow connections are reclaimed by the silo's timeouts; a body too slow is a 408 that changes nothing.</summary>
public sealed class SlowConnectionTests(ShortTimeoutsFixture api) : IClassFixture<ShortTimeoutsFixture>
{
    private const string HealthRequest = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";

    [Theory]
    [InlineData("PUT", "features", "application/json", """{ "features": { "tenureWeeks": 3 } }""", 0)]
    [InlineData("PUT", "features", "application/json", """{ "features": { "tenureWeeks": 3 } }""", 1)]
    [InlineData("PUT", "features", "application/json", """{ "features": { "tenureWeeks": 3 } }""", 36)]
    [InlineData("POST", "activity:import", "application/x-ndjson", """{"memberId":"{member}","eventId":"a-1","time":"2026-11-23T18:00:00Z","type":"play"}""" + "\n", 0)]
    [InlineData("POST", "activity:import", "application/x-ndjson", """{"memberId":"{member}","eventId":"a-1","time":"2026-11-23T18:00:00Z","type":"play"}""" + "\n", 85)]
    public async Task ABodySlowerThanTheMinimumRateIs408AndChangesNothing(string method, string resource, string contentType, string body, int bytesSent)
    {
        var member = "m-" + Guid.NewGuid().ToString("N")[..12];
        var path = resource.EndsWith(":import", StringComparison.Ordinal) ? $"/v1/{resource}" : $"/v1/members/{member}/{resource}";
        var before = await StateAsync(member);
        using var connection = await RawHttp.ConnectAsync(api.BaseAddress);

        // 100,000 bytes announced, a few sent, then nothing: the body's rate falls below the minimum after the grace.
        await connection.SendAsync(RawHttp.Head(method, path, contentType, 100_000) + body.Replace("{member}", member, StringComparison.Ordinal)[..bytesSent]);
        var answer = await connection.ReadUntilClosedAsync();

        Assert.StartsWith("HTTP/1.1 408 ", answer, StringComparison.Ordinal);
        Assert.Contains("application/problem+json", answer, StringComparison.Ordinal);
        Assert.Contains("The request body arrived too slowly.", answer, StringComparison.Ordinal);
        Assert.Equal(before, await StateAsync(member));
    }

    [Fact]
    public async Task AConnectionThatSendsNothingIsClosed()
    {
        using var connection = await RawHttp.ConnectAsync(api.BaseAddress);

        Assert.Equal("", await connection.ReadUntilClosedAsync());
    }

    [Fact]
    public async Task AConnectionIdleAfterARequestIsClosed()
    {
        using var connection = await RawHttp.ConnectAsync(api.BaseAddress);

        await connection.SendAsync(HealthRequest);
        var answer = await connection.ReadUntilClosedAsync();

        Assert.StartsWith("HTTP/1.1 200 ", answer, StringComparison.Ordinal);
        Assert.Contains("\"active\"", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARequestCutShortInItsHeadersIs408AndClosed()
    {
        using var connection = await RawHttp.ConnectAsync(api.BaseAddress);

        await connection.SendAsync("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n");

        Assert.StartsWith("HTTP/1.1 408 ", await connection.ReadUntilClosedAsync(), StringComparison.Ordinal);
    }

    // A new client each time: the fixture's pooled connections close after 2 s idle.
    private async Task<string> StateAsync(string member)
    {
        using var client = api.NewClient(ApiFixture.Key);
        return await State(client, member);
    }
}
