namespace NotificationActors.Learning.Evaluation;

/// <summary>The three estimates from one set of sums, so the whole log and each resample share one formula.</summary>
internal readonly record struct EstimatorValues(double Ips, double SelfNormalisedIps, double DoublyRobust)
{
    /// <summary>Estimates from sums over <paramref name="count"/> samples (counted with multiplicity).</summary>
    public static EstimatorValues FromSums(double count, double weight, double weightedReward, double doublyRobust) =>
        new(weightedReward / count, weight > 0 ? weightedReward / weight : double.NaN, doublyRobust / count);
}
