namespace NotificationActors.Policy.Pacing;

/// <summary>Weights of the non-uniform pacing profiles. Each profile reshapes the same weekly budget; none adds to it.</summary>
public sealed class PacingOptions
{
    /// <summary>Default <see cref="SessionWeight"/>.</summary>
    public const double DefaultSessionWeight = 3;

    /// <summary>Default <see cref="LaunchWeight"/>.</summary>
    public const double DefaultLaunchWeight = 4;

    /// <summary>Default <see cref="MaxRelevanceWeight"/>.</summary>
    public const double DefaultMaxRelevanceWeight = 4;

    /// <summary>Default <see cref="ScarcityHedge"/>.</summary>
    public const double DefaultScarcityHedge = 1;

    private double[] _dayOfWeekWeights = [0.85, 0.85, 0.9, 0.95, 1.15, 1.2, 1.1];

    /// <summary>Relative weight of an opportunity by local day, Monday first (7 entries, positive; normalised to mean 1).</summary>
    public IReadOnlyList<double> DayOfWeekWeights
    {
        get => _dayOfWeekWeights;
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            if (value.Count != 7 || value.Any(w => !(w > 0) || double.IsInfinity(w)))
            {
                throw new ArgumentException("DayOfWeekWeights needs 7 positive finite weights, Monday first.", nameof(value));
            }

            var mean = value.Average();
            _dayOfWeekWeights = value.Select(w => w / mean).ToArray();
        }
    }

    /// <summary>Weight of a session opportunity under <see cref="PacingProfile.ActivityConditioned"/> (others weigh 1).</summary>
    public double SessionWeight { get; set; } = DefaultSessionWeight;

    /// <summary>Weight of a launch opportunity under <see cref="PacingProfile.LaunchBurst"/> (others weigh 1).</summary>
    public double LaunchWeight { get; set; } = DefaultLaunchWeight;

    /// <summary>
    /// Cap on an opportunity's weight under <see cref="PacingProfile.RelevanceWeighted"/>: one outstanding message
    /// may take up to this many opportunities' share of the budget, no more, so a stray high score cannot spend a week.
    /// </summary>
    public double MaxRelevanceWeight { get; set; } = DefaultMaxRelevanceWeight;

    /// <summary>
    /// Standard deviations by which pacing plans for fewer remaining opportunities than the mean. Opportunities
    /// arrive at random, and budget left when the week runs out of them is lost while the cap forbids catching up,
    /// so dividing by the mean under-sends; a lower quantile (mean - z sqrt(mean)) meets the plan. 0 uses the mean.
    /// </summary>
    public double ScarcityHedge { get; set; } = DefaultScarcityHedge;

    /// <summary>Throws naming the first weight out of range.</summary>
    public void Validate()
    {
        if (!(SessionWeight > 0) || double.IsInfinity(SessionWeight))
            throw new ArgumentOutOfRangeException(nameof(SessionWeight), SessionWeight, "SessionWeight must be positive and finite.");
        if (!(LaunchWeight > 0) || double.IsInfinity(LaunchWeight))
            throw new ArgumentOutOfRangeException(nameof(LaunchWeight), LaunchWeight, "LaunchWeight must be positive and finite.");
        if (!(MaxRelevanceWeight >= 1) || double.IsInfinity(MaxRelevanceWeight))
            throw new ArgumentOutOfRangeException(nameof(MaxRelevanceWeight), MaxRelevanceWeight, "MaxRelevanceWeight must be finite and at least 1.");
        if (!(ScarcityHedge >= 0) || double.IsInfinity(ScarcityHedge))
            throw new ArgumentOutOfRangeException(nameof(ScarcityHedge), ScarcityHedge, "ScarcityHedge must be a finite non-negative number.");
    }

    internal double DayWeight(DayOfWeek day) => _dayOfWeekWeights[((int)day + 6) % 7];
}
