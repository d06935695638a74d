namespace NotificationActors.Policy.Pacing;

/// <summary>How the fast policy spreads the plan's weekly budget over send opportunities (docs/policy.md).</summary>
public enum PacingProfile
{
    /// <summary>Every opportunity weighs the same: a weighted coin whose expected weekly sends match the plan.</summary>
    Uniform,

    /// <summary>Opportunities weigh by the member's local day of week (e.g. more on weekend evenings).</summary>
    DayOfWeek,

    /// <summary>Opportunities while the member is active in the app (sessions) weigh more.</summary>
    ActivityConditioned,

    /// <summary>Title-launch opportunities weigh more, so the budget bursts around launches.</summary>
    LaunchBurst,

    /// <summary>
    /// Opportunities weigh by how their best candidate on the channel scores against the member's usual best, to the fourth power:
    /// the budget goes to the better messages, and since the weights average 1 the expected weekly sends stay the plan.
    /// </summary>
    RelevanceWeighted,
}
