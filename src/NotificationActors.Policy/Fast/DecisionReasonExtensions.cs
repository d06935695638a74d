namespace NotificationActors.Policy.Fast;

/// <summary>The wire names of <see cref="DecisionReason"/> (docs/api.md), without allocation.</summary>
public static class DecisionReasonExtensions
{
    /// <summary>"selected", "pacing", "budget-exhausted", "quiet-hours", "opted-out", "no-eligible-candidate" or "below-threshold".</summary>
    public static string ToWireName(this DecisionReason reason) => reason switch
    {
        DecisionReason.Selected => "selected",
        DecisionReason.Pacing => "pacing",
        DecisionReason.BudgetExhausted => "budget-exhausted",
        DecisionReason.QuietHours => "quiet-hours",
        DecisionReason.OptedOut => "opted-out",
        DecisionReason.NoEligibleCandidate => "no-eligible-candidate",
        DecisionReason.BelowThreshold => "below-threshold",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "Unknown decision reason."),
    };
}
