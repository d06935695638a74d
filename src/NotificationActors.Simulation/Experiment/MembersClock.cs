namespace NotificationActors.Simulation.Experiment;

/// <summary>
/// The simulated time the member grains read on every call. A plain volatile value: the reminders' fake clock
/// takes a lock on every read, which thousands of concurrent calls would queue on. The experiment moves this clock
/// and the reminders' together.
/// </summary>
internal sealed class MembersClock(DateTimeOffset start) : TimeProvider
{
    private long _utcTicks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Volatile.Read(ref _utcTicks), TimeSpan.Zero);

    public void Set(DateTimeOffset now) => Volatile.Write(ref _utcTicks, now.UtcTicks);
}
