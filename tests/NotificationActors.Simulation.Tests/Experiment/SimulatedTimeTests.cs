using NotificationActors.Simulation.Experiment;

namespace NotificationActors.Simulation.Tests.Experiment;

public sealed class SimulatedTimeTests
{
    private static readonly DateTimeOffset Start = new(2027, 1, 4, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void MovingTheClockRunsTheDueTimersInDueOrderAndTheyReadTheNewTime()
    {
        var time = new SimulatedTime(Start);
        var fired = new List<(string Name, DateTimeOffset SeenAt)>();
        using var late = time.CreateTimer(_ => fired.Add(("late", time.GetUtcNow())), null, TimeSpan.FromHours(30), Timeout.InfiniteTimeSpan);
        using var early = time.CreateTimer(_ => fired.Add(("early", time.GetUtcNow())), null, TimeSpan.FromHours(2), Timeout.InfiniteTimeSpan);
        using var later = time.CreateTimer(_ => fired.Add(("later", time.GetUtcNow())), null, TimeSpan.FromDays(3), Timeout.InfiniteTimeSpan);

        time.SetUtcNow(Start.AddDays(2));

        Assert.Equal([("early", Start.AddDays(2)), ("late", Start.AddDays(2))], fired);
        Assert.Equal(Start.AddDays(2), time.GetUtcNow());
    }

    [Fact]
    public void AChangedOrDisposedTimerFiresOnlyOnItsNewSchedule()
    {
        var time = new SimulatedTime(Start);
        var (moved, disposed) = (0, 0);
        using var movedTimer = time.CreateTimer(_ => moved++, null, TimeSpan.FromHours(1), Timeout.InfiniteTimeSpan);
        var disposedTimer = time.CreateTimer(_ => disposed++, null, TimeSpan.FromHours(1), Timeout.InfiniteTimeSpan);

        movedTimer.Change(TimeSpan.FromHours(5), Timeout.InfiniteTimeSpan);
        disposedTimer.Dispose();
        time.SetUtcNow(Start.AddHours(2));
        var beforeNewDue = moved;
        time.SetUtcNow(Start.AddHours(6));

        Assert.Equal((0, 1, 0), (beforeNewDue, moved, disposed));
        Assert.False(disposedTimer.Change(TimeSpan.FromHours(1), Timeout.InfiniteTimeSpan));
    }

    [Fact]
    public void APeriodicTimerFiresOncePerPeriodPassed()
    {
        var time = new SimulatedTime(Start);
        var ticks = 0;
        using var weekly = time.CreateTimer(_ => ticks++, null, TimeSpan.FromDays(7), TimeSpan.FromDays(7));

        time.SetUtcNow(Start.AddDays(6));
        var beforeFirst = ticks;
        time.SetUtcNow(Start.AddDays(22));

        Assert.Equal((0, 3), (beforeFirst, ticks));
    }

    [Fact]
    public void TimeNeverMovesBack()
    {
        var time = new SimulatedTime(Start);
        time.SetUtcNow(Start.AddDays(1));

        Assert.Throws<ArgumentOutOfRangeException>(() => time.SetUtcNow(Start));
        Assert.Equal(Start.AddDays(1), time.GetUtcNow());
    }
}
