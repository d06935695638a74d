using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using NotificationActors.Silo.Hosting;

namespace NotificationActors.Silo.Tests.Api;

/// <summary>
/// A body Kestrel refuses (here too slow) keeps Kestrel's status as a problem wherever it is read, the API's own
/// reader or any other endpoint, and is the caller's doing: nothing is logged with its exception.
/// </summary>
public sealed class RefusedBodyTests
{
    [Theory]
    [InlineData("/v1/members/m-1/features", "application/json")]
    [InlineData("/test/drain", "application/octet-stream")]
    public async Task ABodyTooSlowIs408WhereverItIsReadAndNotLoggedAsAFault(string path, string contentType)
    {
        var logs = new LogCapture();
        var settings = new SiloSettings("http://127.0.0.1:0", StorageDeployments.Memory, 0, 0, SiloSettings.DefaultDataDirectory) { ApiKeys = [ApiFixture.Key] };
        await using var app = SiloHost.Build(settings, ["--NotificationActors:Connections:MinRequestBodyGracePeriod=00:00:02"], builder => builder.Logging.AddProvider(logs));

        // An endpoint that reads the body itself: the refusal escapes it to the silo's exception handler.
        app.MapPost("/test/drain", async (HttpRequest request) =>
        {
            await request.Body.CopyToAsync(Stream.Null);
            return Results.NoContent();
        });
        await app.StartAsync(TestContext.Current);
        using var connection = await RawHttp.ConnectAsync(new Uri(app.Urls.Single()));

        await connection.SendAsync(RawHttp.Head(path.StartsWith("/v1", StringComparison.Ordinal) ? "PUT" : "POST", path, contentType, 100_000));
        var answer = await connection.ReadUntilClosedAsync();
        await app.StopAsync(TestContext.Current);

        Assert.StartsWith("HTTP/1.1 408 ", answer, StringComparison.Ordinal);
        Assert.Contains("application/problem+json", answer, StringComparison.Ordinal);
        Assert.DoesNotContain(logs.Entries, e => e.Level >= LogLevel.Information && e.Exception is BadHttpRequestException);
        Assert.DoesNotContain(logs.Entries, e => e.Level >= LogLevel.Error);
    }
}
