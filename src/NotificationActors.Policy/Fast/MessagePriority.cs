namespace NotificationActors.Policy.Fast;

/// <summary>A candidate's priority (docs/api.md).</summary>
public enum MessagePriority : byte
{
    /// <summary>Paced and budgeted by the plan.</summary>
    Normal,

    /// <summary>Bypasses pacing, budgets and quiet hours (the member asked for it); never an opt-out or a muted category.</summary>
    Transactional,
}
