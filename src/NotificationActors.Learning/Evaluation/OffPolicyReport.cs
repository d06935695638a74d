namespace NotificationActors.Learning.Evaluation;

/// <summary>
/// A target policy's value estimated from another policy's logs three ways: inverse propensity scoring
/// (unbiased without clipping, high variance), self-normalised IPS (divides by the weights' sum instead of n:
/// a small bias, much less variance) and doubly robust (the model's prediction corrected by the weighted
/// residual: unbiased if either the propensities or the model are right, and low variance when the model is
/// decent).
/// </summary>
/// <param name="Ips">Inverse propensity scoring: mean of w_i r_i.</param>
/// <param name="SelfNormalisedIps">Self-normalised IPS: sum w_i r_i / sum w_i.</param>
/// <param name="DoublyRobust">Doubly robust: mean of q_pi(x_i) + w_i (r_i - q(x_i, a_i)).</param>
/// <param name="EffectiveSampleSize">
/// (sum w)^2 / sum w^2, in (0, n] when any weight is positive and 0 otherwise: how many samples the weighted
/// log is worth; far below n means a few samples carry the estimate.
/// </param>
/// <param name="Samples">The number of logged samples, n.</param>
/// <param name="ClippedWeights">How many weights exceeded <see cref="OffPolicyOptions.MaxImportanceWeight"/> and were cut to it.</param>
/// <param name="MaxWeight">The largest importance weight after clipping.</param>
public sealed record OffPolicyReport(
    OffPolicyEstimate Ips,
    OffPolicyEstimate SelfNormalisedIps,
    OffPolicyEstimate DoublyRobust,
    double EffectiveSampleSize,
    int Samples,
    int ClippedWeights,
    double MaxWeight);
