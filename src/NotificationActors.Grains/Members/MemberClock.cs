namespace NotificationActors.Grains.Members;

/// <summary>
/// The clock the member grains plan and decide by. A wrapper rather than the runtime's TimeProvider, so a
/// simulated clock moves members' weeks without moving Orleans' own timeouts.
/// </summary>
public sealed class MemberClock(TimeProvider time)
{
    /// <summary>The real clock.</summary>
    public static MemberClock System { get; } = new(TimeProvider.System);

    public TimeProvider Time { get; } = time;

    public DateTimeOffset Now => Time.GetUtcNow();
}
