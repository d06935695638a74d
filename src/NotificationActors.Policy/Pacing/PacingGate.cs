namespace NotificationActors.Policy.Pacing;

/// <summary>
/// Turns the budget left on a channel into a send probability for this opportunity:
/// p = min(1, budgetLeft * w(now) / (w(now) + F)), where F is the expected weight of the week's remaining
/// opportunities less <see cref="PacingOptions.ScarcityHedge"/> standard deviations (they arrive at random).
/// Under <see cref="PacingProfile.Uniform"/> every weight is 1 and this is budget left over opportunities left,
/// so expected weekly sends match the plan; the probability rises when opportunities were missed and falls
/// when the budget was spent early, and is 0 once the budget is used up (docs/policy.md).
/// </summary>
public sealed class PacingGate
{
    /// <summary>
    /// Exponent k of <see cref="PacingProfile.RelevanceWeighted"/>: an opportunity weighs score^k over the member's mean
    /// score^k. 4 rather than 2 puts more of the budget on the better messages: on the 20,000-member experiment's first
    /// three weeks (the same prior's plans), the hierarchical arm's CTR rose from 0.064 to 0.067 and its engagement from
    /// 3.102 to 3.113 days a member-week, with as many opt-outs.
    /// </summary>
    public const int RelevanceExponent = 4;

    private const double HoursPerWeek = 7 * 24;

    private readonly PacingOptions _options;

    /// <summary>A gate with the given profile weights (validated).</summary>
    public PacingGate(PacingOptions? options = null)
    {
        _options = options ?? new PacingOptions();
        _options.Validate();
    }

    /// <summary>The probability of sending on a channel at this opportunity.</summary>
    /// <param name="profile">The plan's pacing profile.</param>
    /// <param name="budgetLeft">The plan's weekly budget on the channel less this week's sends.</param>
    /// <param name="kind">What raised the opportunity.</param>
    /// <param name="now">The opportunity's time.</param>
    /// <param name="utcOffset">The member's UTC offset at <paramref name="now"/> (for the local day of week).</param>
    /// <param name="weekEnd">When the plan's week ends.</param>
    /// <param name="rates">Opportunities expected per week on the channel.</param>
    /// <param name="bestScore">The score of the best eligible candidate on the channel (for <see cref="PacingProfile.RelevanceWeighted"/>).</param>
    public double SendProbability(PacingProfile profile, int budgetLeft, OpportunityKind kind, DateTimeOffset now, TimeSpan utcOffset, DateTimeOffset weekEnd, in OpportunityRates rates, double bestScore = double.NaN)
    {
        if (budgetLeft <= 0)
        {
            return 0;
        }

        var localNow = now.UtcDateTime + utcOffset;
        var weightNow = KindWeight(profile, kind) * DayWeight(profile, localNow.DayOfWeek) * RelevanceWeight(profile, bestScore, rates.RelevanceScale);
        if (weightNow <= 0)
        {
            // A message scoring nothing gets none of the budget (and no 0/0 when the week has no time left).
            return 0;
        }

        var weightPerHour = ((rates.DailyPerWeek * KindWeight(profile, OpportunityKind.Daily))
            + (rates.LaunchPerWeek * KindWeight(profile, OpportunityKind.Launch))
            + (rates.SessionPerWeek * KindWeight(profile, OpportunityKind.Session))) / HoursPerWeek;
        var expectedFuture = weightPerHour * WeightedHoursLeft(profile, localNow, weekEnd.UtcDateTime + utcOffset);
        var hedgedFuture = Math.Max(0, expectedFuture - (_options.ScarcityHedge * Math.Sqrt(expectedFuture)));
        return Math.Min(1, budgetLeft * weightNow / (weightNow + hedgedFuture));
    }

    private double KindWeight(PacingProfile profile, OpportunityKind kind) => (profile, kind) switch
    {
        (PacingProfile.ActivityConditioned, OpportunityKind.Session) => _options.SessionWeight,
        (PacingProfile.LaunchBurst, OpportunityKind.Launch) => _options.LaunchWeight,
        _ => 1,
    };

    /// <summary>A score to the power <see cref="RelevanceExponent"/> (negative scores count as 0): what the yardstick averages.</summary>
    public static double RelevancePower(double score)
    {
        var square = Math.Max(0, score) * Math.Max(0, score);
        return square * square;
    }

    // score^k over its mean: weights average 1 over the member's opportunities, so the future's expected weight is
    // still one per opportunity and the plan's expected sends hold.
    private double RelevanceWeight(PacingProfile profile, double bestScore, double scale) =>
        profile == PacingProfile.RelevanceWeighted && scale > 0 && double.IsFinite(bestScore)
            ? Math.Min(_options.MaxRelevanceWeight, RelevancePower(bestScore) / scale)
            : 1;

    private double DayWeight(PacingProfile profile, DayOfWeek day) =>
        profile == PacingProfile.DayOfWeek ? _options.DayWeight(day) : 1;

    // Hours left in the week, each weighted by its local day; at most eight day segments.
    private double WeightedHoursLeft(PacingProfile profile, DateTime localNow, DateTime localEnd)
    {
        if (localEnd <= localNow)
        {
            return 0;
        }

        if (profile != PacingProfile.DayOfWeek)
        {
            return (localEnd - localNow).TotalHours;
        }

        var total = 0.0;
        for (var t = localNow; t < localEnd;)
        {
            var segmentEnd = t.Date.AddDays(1);
            if (segmentEnd > localEnd) segmentEnd = localEnd;
            total += (segmentEnd - t).TotalHours * _options.DayWeight(t.DayOfWeek);
            t = segmentEnd;
        }

        return total;
    }
}
