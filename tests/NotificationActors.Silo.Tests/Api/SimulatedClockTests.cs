using System.Net;
using NotificationActors.Silo.Clock;
using NotificationActors.Silo.Hosting;
using static NotificationActors.Silo.Tests.Api.Json;

namespace NotificationActors.Silo.Tests.Api;

public sealed class SimulatedClockTests
{
    // A Wednesday noon: eight days on is past the next Monday's reminders however the spread (a day) places them.
    // Started from the real time, a run early on a Sunday landed before the member's reminder and failed.
    private static readonly SiloSettings Simulated = new("http://127.0.0.1:0", StorageDeployments.Memory, 0, 0, SiloSettings.DefaultDataDirectory)
    {
        Clock = ClockKind.Simulated,
        ClockStart = new DateTimeOffset(2026, 12, 2, 12, 0, 0, TimeSpan.Zero),
    };

    [Fact]
    public async Task AdvancingTheClockAWeekReplansMembersThroughTheirReminders()
    {
        await using var app = SiloHost.Build(Simulated);
        await app.StartAsync(TestContext.Current);
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };
        (await client.PutAsync(new Uri("/v1/members/sim-1/preferences", UriKind.Relative), Body(DefaultPreferences))).EnsureSuccessStatusCode();
        var before = await (await client.GetAsync(new Uri("/v1/members/sim-1/plan", UriKind.Relative))).ReadObject();

        using var advanced = await client.PostAsync(new Uri("/v1/admin/clock", UriKind.Relative), Body("""{ "advanceBy": "P8D" }"""));
        var now = (await advanced.ReadObject())["now"]!.GetValue<DateTimeOffset>();
        var after = (await (await client.GetAsync(new Uri("/v1/members/sim-1", UriKind.Relative))).ReadObject())["plan"]!;

        Assert.Equal(HttpStatusCode.OK, advanced.StatusCode);
        Assert.NotEqual(before["week"]!.GetValue<string>(), after["week"]!.GetValue<string>());

        // Planned by the reminder during the advance, not by this read (which would stamp the current time).
        Assert.True(after["plannedAt"]!.GetValue<DateTimeOffset>() < now, $"planned at {after["plannedAt"]}, clock at {now:O}");
        await app.StopAsync(TestContext.Current);
    }

    [Theory]
    [InlineData("""{ "advanceBy": "-P1D" }""", "advanceBy")]
    [InlineData("""{ "advanceBy": "seven days" }""", "advanceBy")]
    [InlineData("""{ "to": "2000-01-01T00:00:00Z" }""", "to")]
    [InlineData("""{ "advanceBy": "P1D", "to": "2100-01-01T00:00:00Z" }""", "advanceBy")]
    public async Task TheClockNeverMovesBackAndNamesTheBadField(string body, string field)
    {
        await using var app = SiloHost.Build(Simulated);
        await app.StartAsync(TestContext.Current);
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };

        using var response = await client.PostAsync(new Uri("/v1/admin/clock", UriKind.Relative), Body(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ReadObject())["errors"]!.AsObject().ContainsKey(field));
        await app.StopAsync(TestContext.Current);
    }
}
