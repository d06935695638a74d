namespace NotificationActors.Learning.Evaluation;

/// <summary>
/// A sample's share of each estimator's sums, computed once: every estimator is a ratio of sums of these, so a
/// bootstrap resample only re-adds them with new multiplicities.
/// </summary>
/// <param name="Weight">The importance weight w = pi/mu after clipping.</param>
/// <param name="WeightedReward">w r.</param>
/// <param name="DoublyRobust">q_pi(x) + w (r - q(x, a)).</param>
internal readonly record struct SampleTerms(double Weight, double WeightedReward, double DoublyRobust);
