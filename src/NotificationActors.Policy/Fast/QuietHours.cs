namespace NotificationActors.Policy.Fast;

/// <summary>
/// A daily local-time window with no non-transactional messages; it may wrap midnight (22:00-08:00).
/// Start is inclusive, end exclusive; equal ends mean no quiet hours.
/// </summary>
public readonly record struct QuietHours(TimeOnly Start, TimeOnly End)
{
    /// <summary>Whether local time <paramref name="localTime"/> falls in the window.</summary>
    public bool Contains(TimeOnly localTime) =>
        Start == End ? false
        : Start < End ? localTime >= Start && localTime < End
        : localTime >= Start || localTime < End;
}
