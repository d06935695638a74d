namespace NotificationActors.Policy.Fast;

/// <summary>Why a decision came out as it did (docs/api.md reasons).</summary>
public enum DecisionReason : byte
{
    /// <summary>A message was sent.</summary>
    Selected,

    /// <summary>Eligible messages existed but the pacing coin said not now.</summary>
    Pacing,

    /// <summary>The plan's weekly budget for every eligible channel is used up.</summary>
    BudgetExhausted,

    /// <summary>The member is in quiet hours.</summary>
    QuietHours,

    /// <summary>The member opted out of every candidate's channel.</summary>
    OptedOut,

    /// <summary>Every candidate was expired, already sent, a repeated title or in a muted category.</summary>
    NoEligibleCandidate,

    /// <summary>Baseline only: the best candidate's score is under the global threshold.</summary>
    BelowThreshold,
}
