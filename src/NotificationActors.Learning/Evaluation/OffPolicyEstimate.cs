namespace NotificationActors.Learning.Evaluation;

/// <summary>One estimator's estimate of a target policy's mean reward, with its bootstrap interval.</summary>
/// <param name="Value">The point estimate; NaN when no sample supports the target (self-normalised IPS with zero weight).</param>
/// <param name="Lower">Lower end of the percentile interval.</param>
/// <param name="Upper">Upper end of the percentile interval.</param>
/// <param name="StandardError">Standard deviation of the bootstrap estimates.</param>
public readonly record struct OffPolicyEstimate(double Value, double Lower, double Upper, double StandardError);

/// <summary>
/// A target policy's value estimated from logs three ways: inverse propensity scoring (unbiased, high variance),
/// self-normalised IPS (divides by the weights' sum: small bias, much less variance) and doubly robust (a
/// model's prediction corrected by the weighted residual: unbiased if either the propensities or the model are
/// right, and low variance when the model is decent).
/// </summary>
/// <param name="Ips">Inverse propensity scoring.</param>
/// <param name="SelfNormalisedIps">Self-normalised inverse propensity scoring.</param>
/// <param name="DoublyRobust">Doubly robust.</param>
/// <param name="EffectiveSampleSize">(sum w)^2 / sum w^2: how many samples the weights are worth.</param>
/// <param name="Samples">Samples evaluated.</param>
/// <param name="ClippedWeights">Weights cut to the cap.</param>
/// <param name="MaxWeight">The largest weight after clipping.</param>
public sealed record OffPolicyReport(
    OffPolicyEstimate Ips,
    OffPolicyEstimate SelfNormalisedIps,
    OffPolicyEstimate DoublyRobust,
    double EffectiveSampleSize,
    int Samples,
    int ClippedWeights,
    double MaxWeight);
