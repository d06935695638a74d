namespace NotificationActors.Learning.Evaluation;

/// <summary>How <see cref="OffPolicyEstimator"/> weighs samples and draws its confidence intervals.</summary>
public sealed class OffPolicyOptions
{
    /// <summary>Default cap on an importance weight pi/mu.</summary>
    public const double DefaultMaxImportanceWeight = 500;

    /// <summary>Default bootstrap resamples behind each interval.</summary>
    public const int DefaultBootstrapResamples = 200;

    /// <summary>Default confidence of the intervals.</summary>
    public const double DefaultConfidence = 0.95;

    /// <summary>
    /// Cap on an importance weight pi/mu (clipping trades a little bias for much less variance when the logging
    /// policy rarely took what the target would); null leaves weights unclipped.
    /// </summary>
    public double? MaxImportanceWeight { get; set; } = DefaultMaxImportanceWeight;

    /// <summary>Bootstrap resamples behind each interval.</summary>
    public int BootstrapResamples { get; set; } = DefaultBootstrapResamples;

    /// <summary>Confidence of the percentile intervals, in (0, 1).</summary>
    public double Confidence { get; set; } = DefaultConfidence;

    /// <summary>Seed of the bootstrap, so an evaluation is reproducible.</summary>
    public int Seed { get; set; } = 1;

    /// <summary>Throws naming the first setting out of range.</summary>
    public void Validate()
    {
        if (MaxImportanceWeight is { } cap && !(cap >= 1))
            throw new ArgumentOutOfRangeException(nameof(MaxImportanceWeight), cap, "The importance-weight cap must be at least 1 (or null for none).");
        if (BootstrapResamples < 10)
            throw new ArgumentOutOfRangeException(nameof(BootstrapResamples), BootstrapResamples, "At least 10 bootstrap resamples are needed for an interval.");
        if (!(Confidence is > 0 and < 1))
            throw new ArgumentOutOfRangeException(nameof(Confidence), Confidence, "The confidence must be in (0, 1).");
    }
}
