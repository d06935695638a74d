using Microsoft.Extensions.Time.Testing;
using NotificationActors.Storage.Sqlite.Tests.Grains;

namespace NotificationActors.Storage.Sqlite.Tests;

public sealed class SiloRestartTests : IDisposable
{
    private readonly TempDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task AGrainsStateSurvivesASiloRestartOnTheSameFile()
    {
        using (var first = await TestSilo.StartAsync(_database.Path))
        {
            var counter = first.Grains().GetGrain<ICounterGrain>("survivor");
            await counter.Increment();
            await counter.Increment();
            await first.StopAsync(Timeout.Token);
        }

        using var second = await TestSilo.StartAsync(_database.Path);

        Assert.Equal(3, await second.Grains().GetGrain<ICounterGrain>("survivor").Increment());
        await second.StopAsync(Timeout.Token);
    }

    [Fact]
    public async Task AReminderRegisteredBeforeARestartFiresAfterIt()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero));
        var key = "reminded-" + Guid.NewGuid().ToString("N");
        using (var first = await TestSilo.StartAsync(_database.Path, clock))
        {
            await first.Grains().GetGrain<ICounterGrain>(key).StartReminder(TimeSpan.FromDays(1), TimeSpan.FromDays(7));
            await first.StopAsync(Timeout.Token);
        }

        using var second = await TestSilo.StartAsync(_database.Path, clock);
        var tick = ReminderSignals.Tick(key);

        // Step the fake clock an hour at a time for up to eight days: the new silo loads the reminder table in the
        // background, and a tick it finds already due is skipped to the next period, as Orleans does.
        for (var hour = 0; hour < 8 * 24 && !tick.IsCompleted; hour++)
        {
            clock.Advance(TimeSpan.FromHours(1));
            await Task.WhenAny(tick, Task.Delay(TimeSpan.FromMilliseconds(20)));
        }

        await tick.WaitAsync(Timeout.Token);
        Assert.Equal(1, await second.Grains().GetGrain<ICounterGrain>(key).Ticks());
        await second.StopAsync(Timeout.Token);
    }
}
