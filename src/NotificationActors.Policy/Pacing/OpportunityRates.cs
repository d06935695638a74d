namespace NotificationActors.Policy.Pacing;

/// <summary>
/// Expected send opportunities per week, by kind, that carry a candidate for one channel. The member grain
/// learns them from its own history; pacing divides the budget left by what is still expected this week.
/// </summary>
/// <param name="DailyPerWeek">Daily-slot opportunities per week.</param>
/// <param name="LaunchPerWeek">Title-launch opportunities per week.</param>
/// <param name="SessionPerWeek">App-session opportunities per week.</param>
/// <param name="RelevanceScale">
/// The mean of the best candidate's score on the channel to the power <see cref="PacingGate.RelevanceExponent"/> over the
/// member's recent opportunities, the yardstick of <see cref="PacingProfile.RelevanceWeighted"/>; 0 while unknown (every
/// opportunity then weighs 1).
/// </param>
public readonly record struct OpportunityRates(double DailyPerWeek, double LaunchPerWeek, double SessionPerWeek, double RelevanceScale = 0)
{
    /// <summary>Rates for a member with no history: one daily slot a day, a launch every other week, three sessions.</summary>
    public static OpportunityRates Default { get; } = new(7, 0.5, 3);

    /// <summary>Opportunities expected per week over all kinds.</summary>
    public double TotalPerWeek => DailyPerWeek + LaunchPerWeek + SessionPerWeek;
}
