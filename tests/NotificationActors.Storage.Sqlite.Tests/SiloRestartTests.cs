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

        // Due one day after registration. The new silo loads the table in the background right after start; an
        // hour per step gives it ample real time, and even a skipped first tick would leave the next one in range.
        for (var hour = 0; hour < 9 * 24 && !tick.IsCompleted; hour++)
        {
            clock.Advance(TimeSpan.FromHours(1));
            await Task.WhenAny(tick, Task.Delay(TimeSpan.FromMilliseconds(20)));
        }

        await tick.WaitAsync(Timeout.Token);
        Assert.Equal(1, await second.Grains().GetGrain<ICounterGrain>(key).Ticks());
        await second.StopAsync(Timeout.Token);
    }
}
