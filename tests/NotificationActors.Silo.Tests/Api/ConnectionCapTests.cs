namespace NotificationActors.Silo.Tests.Api;

/// <summary>A connection beyond <c>MaxConcurrentConnections</c> is closed at once, unanswered.</summary>
public sealed class ConnectionCapTests(TwoConnectionsFixture api) : IClassFixture<TwoConnectionsFixture>
{
    [Fact]
    public async Task AConnectionBeyondTheCapIsClosedAtOnce()
    {
        using var first = await RawHttp.ConnectAsync(api.BaseAddress);
        using var second = await RawHttp.ConnectAsync(api.BaseAddress);

        // Answered, so both are counted, and kept alive far longer than the test.
        foreach (var connection in new[] { first, second })
        {
            await connection.SendAsync("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
            Assert.StartsWith("HTTP/1.1 200 ", await connection.ReadAsync(), StringComparison.Ordinal);
        }

        using var third = await RawHttp.ConnectAsync(api.BaseAddress);

        Assert.Equal("", await third.ReadUntilClosedAsync());
    }
}
