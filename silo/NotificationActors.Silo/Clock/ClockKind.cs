namespace NotificationActors.Silo.Clock;

/// <summary>The time a silo's members and reminders run by (docs/api.md <c>--clock</c>).</summary>
internal enum ClockKind
{
    /// <summary>Wall-clock time.</summary>
    System,

    /// <summary>A clock that only moves through <c>POST /v1/admin/clock</c>: weeks in seconds, for demos and experiments.</summary>
    Simulated,
}
