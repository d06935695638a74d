namespace NotificationActors.Learning.Evaluation;

/// <summary>One estimator's estimate of the target policy's mean reward per sample, with its bootstrap spread.</summary>
/// <param name="Value">
/// The point estimate on the whole log. NaN for self-normalised IPS when no sample has a positive weight (the
/// log never took an action the target would).
/// </param>
/// <param name="Lower">Lower end of the bootstrap percentile interval; NaN when no resample gave a finite estimate.</param>
/// <param name="Upper">Upper end of the bootstrap percentile interval; NaN when no resample gave a finite estimate.</param>
/// <param name="StandardError">Standard deviation of the finite bootstrap estimates; NaN when there are none.</param>
public readonly record struct OffPolicyEstimate(double Value, double Lower, double Upper, double StandardError);
