namespace NotificationActors.Simulation.Experiment;

/// <summary>
/// The experiment's clock: member grains and the reminder service read it, the experiment moves it. Reads are
/// lock-free, and waiting timers sit in a priority queue by due time, so moving the clock costs only the due timers.
/// (The testing library's fake clock locks on every read and scans every waiting timer on each move and each new
/// timer: quadratic in the number of reminders, which a 100,000-member run makes dominant.)
/// </summary>
internal sealed class SimulatedTime(DateTimeOffset start) : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly PriorityQueue<Timer, (long Due, long Version)> _waiting = new();
    private long _utcTicks = start.UtcTicks;

    /// <summary>Timestamps are the simulated clock's ticks, so elapsed times measured on it are simulated too.</summary>
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override DateTimeOffset GetUtcNow() => new(Volatile.Read(ref _utcTicks), TimeSpan.Zero);

    public override long GetTimestamp() => Volatile.Read(ref _utcTicks);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new Timer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>
    /// Moves the clock to <paramref name="now"/> (never back), then runs every timer due by then in due order. The
    /// callbacks see the new time, as on the testing library's fake clock: a waiter that re-checks the time after its
    /// millisecond-rounded delay finds it has passed, instead of waiting again for a fraction of a millisecond.
    /// </summary>
    public void SetUtcNow(DateTimeOffset now)
    {
        if (now.UtcTicks < Volatile.Read(ref _utcTicks))
        {
            throw new ArgumentOutOfRangeException(nameof(now), now, "Simulated time only moves forward.");
        }

        Volatile.Write(ref _utcTicks, now.UtcTicks);
        while (true)
        {
            Timer timer;
            lock (_gate)
            {
                if (!_waiting.TryPeek(out timer!, out var key) || key.Due > now.UtcTicks) break;
                _waiting.Dequeue();

                // An entry whose timer was changed or disposed since it was queued is stale.
                if (!timer.TryFire(key.Version, key.Due)) continue;
            }

            timer.Run();
        }
    }

    private void Schedule(Timer timer, long due, long version)
    {
        lock (_gate)
        {
            _waiting.Enqueue(timer, (due, version));
        }
    }

    // A timer of the simulated clock. Changing it queues a new entry under a new version; old entries are skipped
    // when they come up, so no change ever searches the queue.
    private sealed class Timer(SimulatedTime time, TimerCallback callback, object? state) : ITimer
    {
        private readonly Lock _gate = new();
        private long _version;
        private long _period;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            long version;
            long periodTicks;
            lock (_gate)
            {
                if (_version < 0) return false;
                version = ++_version;
                _period = periodTicks = period == Timeout.InfiniteTimeSpan || period <= TimeSpan.Zero ? 0 : period.Ticks;
            }

            // Queued outside this timer's lock: the clock takes its own lock first, then a timer's.
            if (dueTime == Timeout.InfiniteTimeSpan) return true;
            var due = time.GetUtcNow().UtcTicks + Math.Max(0, dueTime.Ticks);
            if (dueTime > TimeSpan.Zero)
            {
                time.Schedule(this, due, version);
                return true;
            }

            // Due now: run on the thread pool, as a system timer would, rather than inside the caller.
            if (periodTicks > 0) time.Schedule(this, due + periodTicks, version);
            ThreadPool.UnsafeQueueUserWorkItem(static t => t.Run(), this, preferLocal: false);
            return true;
        }

        // Called under the clock's lock for an entry that came due: false if the entry is stale; re-queues a periodic timer.
        public bool TryFire(long version, long due)
        {
            lock (_gate)
            {
                if (_version != version) return false;
                if (_period > 0) time._waiting.Enqueue(this, (due + _period, version));
                return true;
            }
        }

        public void Run() => callback(state);

        public void Dispose()
        {
            lock (_gate)
            {
                _version = -1;
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
