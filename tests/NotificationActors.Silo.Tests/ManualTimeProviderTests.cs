using NotificationActors.Silo.Clock;

namespace NotificationActors.Silo.Tests;

public sealed class ManualTimeProviderTests
{
    private static readonly DateTimeOffset Start = new(2030, 1, 7, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task TimersDueWithinAnAdvanceFireAndLaterOnesWait()
    {
        var clock = new ManualTimeProvider(Start);
        var (early, late, beyond) = (new TaskCompletionSource(), new TaskCompletionSource(), new TaskCompletionSource());
        using var earlyTimer = clock.CreateTimer(_ => early.SetResult(), null, TimeSpan.FromHours(2), Timeout.InfiniteTimeSpan);
        using var lateTimer = clock.CreateTimer(_ => late.SetResult(), null, TimeSpan.FromHours(5), Timeout.InfiniteTimeSpan);
        using var beyondTimer = clock.CreateTimer(_ => beyond.SetResult(), null, TimeSpan.FromHours(9), Timeout.InfiniteTimeSpan);

        clock.Advance(TimeSpan.FromHours(6));
        await Task.WhenAll(early.Task, late.Task).WaitAsync(Bound);

        Assert.False(beyond.Task.IsCompleted);
        Assert.Equal(Start.AddHours(6), clock.GetUtcNow());
    }

    [Fact]
    public async Task APeriodicTimerFiresOncePerPeriodPassedAndADisposedOneNever()
    {
        var clock = new ManualTimeProvider(Start);
        using var ticks = new SemaphoreSlim(0);
        var disposedTicks = 0;
        using var weekly = clock.CreateTimer(_ => ticks.Release(), null, TimeSpan.FromDays(1), TimeSpan.FromDays(7));
        var disposed = clock.CreateTimer(_ => Interlocked.Increment(ref disposedTicks), null, TimeSpan.FromDays(1), TimeSpan.FromDays(1));
        disposed.Dispose();

        clock.Advance(TimeSpan.FromDays(15));
        for (var i = 0; i < 3; i++) Assert.True(await ticks.WaitAsync(Bound), $"tick {i + 1} of 3 never came");

        Assert.Equal(0, ticks.CurrentCount);
        Assert.Equal(0, disposedTicks);
    }

    [Fact]
    public async Task ADelayOnTheClockEndsWhenTheClockPassesItAndNotBefore()
    {
        var clock = new ManualTimeProvider(Start);
        var delay = Task.Delay(TimeSpan.FromMinutes(30), clock);

        clock.Advance(TimeSpan.FromMinutes(29));
        var before = delay.IsCompleted;
        clock.Advance(TimeSpan.FromMinutes(1));
        await delay.WaitAsync(Bound);

        Assert.False(before);
    }

    [Fact]
    public void TheClockNeverMovesBack() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new ManualTimeProvider(Start).Advance(TimeSpan.FromSeconds(-1)));
}
