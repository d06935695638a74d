namespace NotificationActors.Silo.Clock;

/// <summary>
/// A clock that moves only when told, for <c>--clock simulated</c>: timers made on it (the reminders' delays) fall due
/// in order of their due times as <see cref="Advance"/> passes them, and each callback runs on the thread pool as a
/// real timer's does (run inline, Orleans' reminder loop would block the advance). Written here rather than taken from
/// a testing package so the deployable silo ships none.
/// </summary>
internal sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly HashSet<ManualTimer> _timers = [];
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate) return _now;
    }

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Moves the clock forward by <paramref name="by"/>, firing each timer that falls due on the way, in due order.</summary>
    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        DateTimeOffset target;
        lock (_gate) target = _now + by;
        while (NextDue(target) is { } timer)
        {
            timer.Fire();
        }

        lock (_gate) _now = target;
    }

    // The earliest timer due by the target, with the clock moved to its due time and its next due time set.
    private ManualTimer? NextDue(DateTimeOffset target)
    {
        lock (_gate)
        {
            ManualTimer? next = null;
            foreach (var timer in _timers)
            {
                if (timer.Due <= target && (next is null || timer.Due < next.Due)) next = timer;
            }

            if (next is null) return null;
            if (next.Due > _now) _now = next.Due!.Value;
            next.Due = next.Period > TimeSpan.Zero ? next.Due + next.Period : null;
            if (next.Due is null) _timers.Remove(next);
            return next;
        }
    }

    private sealed class ManualTimer(ManualTimeProvider clock, TimerCallback callback, object? state) : ITimer
    {
        public DateTimeOffset? Due { get; set; }

        public TimeSpan Period { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (clock._gate)
            {
                clock._timers.Remove(this);
                Period = period == Timeout.InfiniteTimeSpan ? TimeSpan.Zero : period;
                Due = dueTime == Timeout.InfiniteTimeSpan ? null : clock._now + dueTime;
                if (Due is not null) clock._timers.Add(this);
            }

            return true;
        }

        public void Fire() => ThreadPool.UnsafeQueueUserWorkItem(s => callback(s), state, preferLocal: false);

        public void Dispose()
        {
            lock (clock._gate) clock._timers.Remove(this);
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
