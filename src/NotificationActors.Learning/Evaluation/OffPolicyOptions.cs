namespace NotificationActors.Learning.Evaluation;

/// <summary>How <see cref="OffPolicyEstimator"/> weighs logged samples and draws its bootstrap intervals.</summary>
public sealed class OffPolicyOptions
{
    /// <summary>
    /// Default <see cref="MaxImportanceWeight"/>. It sits above the largest weight the product's own logs produce,
    /// K / epsilon = 98 actions / 0.1 = 980 for a greedy target under the default grid and exploration, because
    /// clipping those weights would cut every explored match and bias all three estimates; it still bounds the
    /// rare tiny propensities of other logging policies.
    /// </summary>
    public const double DefaultMaxImportanceWeight = 1000;

    /// <summary>
    /// Default <see cref="BootstrapResamples"/>: enough for stable 95% percentile intervals at a fifth of the cost
    /// of 1000, which matters when a sweep evaluates a dozen candidates on millions of logged weeks.
    /// </summary>
    public const int DefaultBootstrapResamples = 200;

    /// <summary>The fewest <see cref="BootstrapResamples"/> accepted: with fewer, an interval's ends rest on one or two draws.</summary>
    public const int MinBootstrapResamples = 10;

    /// <summary>Default <see cref="Confidence"/>.</summary>
    public const double DefaultConfidence = 0.95;

    /// <summary>Default <see cref="Seed"/>.</summary>
    public const int DefaultSeed = 1;

    /// <summary>
    /// Cap on an importance weight pi/mu, at least 1. Clipping trades a little bias (downwards, for non-negative
    /// rewards) for much less variance when the logging policy rarely took what the target would. Null or
    /// positive infinity leaves weights unclipped.
    /// </summary>
    public double? MaxImportanceWeight { get; set; } = DefaultMaxImportanceWeight;

    /// <summary>How many times the log is resampled with replacement to draw the intervals and standard errors.</summary>
    public int BootstrapResamples { get; set; } = DefaultBootstrapResamples;

    /// <summary>Confidence of the percentile intervals, in (0, 1).</summary>
    public double Confidence { get; set; } = DefaultConfidence;

    /// <summary>Seed of the bootstrap's random draws, so an evaluation can be repeated exactly.</summary>
    public int Seed { get; set; } = DefaultSeed;

    /// <summary>Throws naming the first option out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range; the parameter name is the option's.</exception>
    public void Validate()
    {
        if (MaxImportanceWeight is { } cap && !(cap >= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(MaxImportanceWeight), cap,
                $"{nameof(OffPolicyOptions)}.{nameof(MaxImportanceWeight)} must be at least 1, or null (or positive infinity) for no clipping.");
        }

        if (BootstrapResamples < MinBootstrapResamples)
        {
            throw new ArgumentOutOfRangeException(nameof(BootstrapResamples), BootstrapResamples,
                $"{nameof(OffPolicyOptions)}.{nameof(BootstrapResamples)} must be at least {MinBootstrapResamples}.");
        }

        if (!(Confidence is > 0 and < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(Confidence), Confidence,
                $"{nameof(OffPolicyOptions)}.{nameof(Confidence)} must be strictly between 0 and 1.");
        }
    }
}
