namespace NotificationActors.Learning.Evaluation;

/// <summary>
/// The nonparametric bootstrap of the three estimators: resample the log with replacement, re-estimate, and
/// read the interval off the replicates' percentiles and the standard error off their spread.
/// </summary>
internal static class PercentileBootstrap
{
    /// <summary>One replicate of each estimator per resample, drawn from <paramref name="seed"/>.</summary>
    public static (double[] Ips, double[] SelfNormalisedIps, double[] DoublyRobust) Resample(ReadOnlySpan<SampleTerms> terms, int resamples, int seed)
    {
        var random = new Random(seed);
        var n = terms.Length;
        var ips = new double[resamples];
        var selfNormalised = new double[resamples];
        var doublyRobust = new double[resamples];

        // Drawing n indices with replacement is drawing each sample's multiplicity; counting the draws first turns
        // n scattered reads of the terms into one sequential pass (about 4x faster on a million samples).
        var counts = new int[n];
        for (var b = 0; b < resamples; b++)
        {
            Array.Clear(counts);
            for (var i = 0; i < n; i++)
            {
                counts[random.Next(n)]++;
            }

            double weight = 0, weightedReward = 0, doublyRobustSum = 0;
            for (var i = 0; i < n; i++)
            {
                var k = counts[i];
                ref readonly var term = ref terms[i];
                weight += k * term.Weight;
                weightedReward += k * term.WeightedReward;
                doublyRobustSum += k * term.DoublyRobust;
            }

            var values = EstimatorValues.FromSums(n, weight, weightedReward, doublyRobustSum);
            ips[b] = values.Ips;
            selfNormalised[b] = values.SelfNormalisedIps;
            doublyRobust[b] = values.DoublyRobust;
        }

        return (ips, selfNormalised, doublyRobust);
    }

    /// <summary>The percentile interval and standard error of <paramref name="replicates"/>, which it reorders.</summary>
    public static OffPolicyEstimate Summarise(double value, double[] replicates, double confidence)
    {
        // A self-normalised replicate is NaN when its resample drew no positively weighted sample: it has no estimate to count.
        var finite = 0;
        foreach (var replicate in replicates)
        {
            if (double.IsFinite(replicate))
            {
                replicates[finite++] = replicate;
            }
        }

        if (finite == 0)
        {
            return new OffPolicyEstimate(value, double.NaN, double.NaN, double.NaN);
        }

        var sorted = replicates.AsSpan(0, finite);
        sorted.Sort();
        var tail = (1 - confidence) / 2;
        return new OffPolicyEstimate(value, Quantile(sorted, tail), Quantile(sorted, 1 - tail), StandardDeviation(sorted));
    }

    // Linear interpolation between order statistics (Hyndman and Fan's type 7, R's default).
    private static double Quantile(ReadOnlySpan<double> sorted, double q)
    {
        var position = q * (sorted.Length - 1);
        var low = (int)position;
        var high = Math.Min(sorted.Length - 1, low + 1);
        return sorted[low] + ((position - low) * (sorted[high] - sorted[low]));
    }

    private static double StandardDeviation(ReadOnlySpan<double> values)
    {
        if (values.Length < 2)
        {
            return 0;
        }

        double mean = 0;
        foreach (var v in values)
        {
            mean += v;
        }

        mean /= values.Length;
        double squares = 0;
        foreach (var v in values)
        {
            squares += (v - mean) * (v - mean);
        }

        return Math.Sqrt(squares / (values.Length - 1));
    }
}
