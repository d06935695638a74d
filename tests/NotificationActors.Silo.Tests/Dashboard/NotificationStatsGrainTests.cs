using NotificationActors.Silo.Clock;
using NotificationActors.Silo.Dashboard;

namespace NotificationActors.Silo.Tests.Dashboard;

public sealed class NotificationStatsGrainTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 30, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task OnlySilosHeardFromWithinTheStaleAgeAreShown()
    {
        var time = new ManualTimeProvider(Start);
        var grain = new NotificationStatsGrain(time);

        // A silo restarting every interval reports under a new address each time; the page is never opened.
        for (var restart = 0; restart < 200; restart++)
        {
            await grain.ReportAsync(Report($"silo-{restart}"));
            time.Advance(NotificationStatsReporter.Interval);
        }

        var held = await grain.GetAsync();
        Assert.InRange(held.Count, 1, (int)(NotificationStatsGrain.StaleAfter / NotificationStatsReporter.Interval));
        Assert.Contains(held, r => r.Silo == "silo-199");
    }

    [Fact]
    public async Task NoMoreThanTheBoundOfSilosIsHeldAndReadingChangesNothing()
    {
        var time = new ManualTimeProvider(Start);
        var grain = new NotificationStatsGrain(time);
        for (var silo = 0; silo <= NotificationStatsGrain.MaxSilos; silo++)
        {
            await grain.ReportAsync(Report($"silo-{silo}"));
        }

        var first = await grain.GetAsync();
        var second = await grain.GetAsync();

        Assert.Equal(NotificationStatsGrain.MaxSilos, first.Count);
        Assert.Equal(first.Select(r => r.Silo), second.Select(r => r.Silo));
    }

    private static SiloNotifications Report(string silo) => new(silo, silo, new NotificationSnapshot(
        Start,
        Start,
        new Dictionary<string, long>(),
        new Dictionary<string, long>(),
        new Dictionary<string, long>(),
        new Dictionary<string, long>(),
        new Dictionary<string, Dictionary<string, long>>(),
        new Dictionary<string, Dictionary<string, long>>(),
        new Dictionary<string, long[]>(),
        5));
}
