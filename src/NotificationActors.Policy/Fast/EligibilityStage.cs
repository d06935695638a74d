namespace NotificationActors.Policy.Fast;

/// <summary>How far a candidate got through the eligibility filters, in filter order.</summary>
internal enum EligibilityStage : byte
{
    /// <summary>No candidate at all.</summary>
    None,

    /// <summary>Stopped by a channel opt-out.</summary>
    OptedOut,

    /// <summary>Stopped by a muted category, expiry or dedupe.</summary>
    Ineligible,

    /// <summary>Stopped by quiet hours.</summary>
    QuietHours,

    /// <summary>Stopped by the channel's weekly budget.</summary>
    BudgetExhausted,

    /// <summary>Passed every filter.</summary>
    Eligible,
}
