namespace NotificationActors.Policy.Baseline;

/// <summary>Calibrates the baseline's global threshold to an aggregate send rate from a sample of opportunities.</summary>
public static class ThresholdCalibrator
{
    /// <summary>
    /// The threshold at which the given share of opportunities would send: the (1 - rate) quantile of each
    /// opportunity's best eligible score. Rate 0 gives +infinity (never send), rate 1 gives -infinity.
    /// </summary>
    public static double ForSendRate(ReadOnlySpan<double> bestScorePerOpportunity, double targetSendRate)
    {
        if (double.IsNaN(targetSendRate) || targetSendRate < 0 || targetSendRate > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(targetSendRate), targetSendRate, "The target send rate must be in [0, 1].");
        }

        if (bestScorePerOpportunity.IsEmpty)
        {
            throw new ArgumentException("Calibration needs at least one opportunity's score.", nameof(bestScorePerOpportunity));
        }

        if (targetSendRate == 0) return double.PositiveInfinity;
        if (targetSendRate == 1) return double.NegativeInfinity;

        var sorted = bestScorePerOpportunity.ToArray();
        Array.Sort(sorted);
        var sends = (int)Math.Round(targetSendRate * sorted.Length);
        return sends == 0 ? Math.BitIncrement(sorted[^1]) : sorted[sorted.Length - sends];
    }

    /// <summary>The threshold for a target of sends per member-week, given opportunities per member-week.</summary>
    public static double ForWeeklySends(ReadOnlySpan<double> bestScorePerOpportunity, double sendsPerMemberWeek, double opportunitiesPerMemberWeek)
    {
        if (!(opportunitiesPerMemberWeek > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(opportunitiesPerMemberWeek), opportunitiesPerMemberWeek, "Opportunities per member-week must be positive.");
        }

        return ForSendRate(bestScorePerOpportunity, Math.Clamp(sendsPerMemberWeek / opportunitiesPerMemberWeek, 0, 1));
    }
}
