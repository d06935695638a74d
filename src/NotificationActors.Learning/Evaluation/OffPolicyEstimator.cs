using System.Globalization;

namespace NotificationActors.Learning.Evaluation;

/// <summary>Off-policy evaluation: what a target policy would have earned, estimated from another policy's logs.</summary>
public static class OffPolicyEstimator
{
    /// <summary>IPS, self-normalised IPS and doubly-robust estimates with bootstrap intervals and the effective sample size.</summary>
    /// <exception cref="ArgumentException">No samples, or a sample with a probability out of range or a non-finite value (named with its index).</exception>
    public static OffPolicyReport Evaluate(IReadOnlyList<LoggedSample> samples, OffPolicyOptions options)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (samples.Count == 0)
        {
            throw new ArgumentException("There are no logged samples to evaluate.", nameof(samples));
        }

        // Each estimator is a ratio of sums over samples, so one pass fills its per-sample terms and every
        // bootstrap resample only re-adds them.
        var n = samples.Count;
        var weightedReward = new double[n];
        var weight = new double[n];
        var doublyRobust = new double[n];
        var cap = options.MaxImportanceWeight ?? double.PositiveInfinity;
        var clipped = 0;
        double sumWeight = 0, sumSquaredWeight = 0, maxWeight = 0;
        for (var i = 0; i < n; i++)
        {
            var s = samples[i];
            if (Problem(s) is { } problem)
            {
                throw new ArgumentException($"sample {i}: {problem}.", nameof(samples));
            }

            var w = s.TargetProbability / s.LoggingPropensity;
            if (w > cap)
            {
                w = cap;
                clipped++;
            }

            weight[i] = w;
            weightedReward[i] = w * s.Reward;
            doublyRobust[i] = s.ModelValueUnderTarget + (w * (s.Reward - s.ModelRewardOfLogged));
            sumWeight += w;
            sumSquaredWeight += w * w;
            maxWeight = Math.Max(maxWeight, w);
        }

        var point = Estimates(weightedReward, weight, doublyRobust, null);
        var replicates = Bootstrap(weightedReward, weight, doublyRobust, options);
        return new OffPolicyReport(
            Interval(point.Ips, replicates.Select(r => r.Ips), options.Confidence),
            Interval(point.Snips, replicates.Select(r => r.Snips), options.Confidence),
            Interval(point.Dr, replicates.Select(r => r.Dr), options.Confidence),
            sumSquaredWeight == 0 ? 0 : sumWeight * sumWeight / sumSquaredWeight,
            n,
            clipped,
            maxWeight);
    }

    private static string? Problem(LoggedSample s)
    {
        return !(s.LoggingPropensity > 0 && s.LoggingPropensity <= 1) ? $"loggingPropensity {Show(s.LoggingPropensity)} is outside (0, 1]"
            : !(s.TargetProbability >= 0 && s.TargetProbability <= 1) ? $"targetProbability {Show(s.TargetProbability)} is outside [0, 1]"
            : !double.IsFinite(s.Reward) ? $"reward {Show(s.Reward)} is not a finite number"
            : !double.IsFinite(s.ModelRewardOfLogged) ? $"modelRewardOfLogged {Show(s.ModelRewardOfLogged)} is not a finite number"
            : !double.IsFinite(s.ModelValueUnderTarget) ? $"modelValueUnderTarget {Show(s.ModelValueUnderTarget)} is not a finite number"
            : null;

        static string Show(double value) => value.ToString(CultureInfo.InvariantCulture);
    }

    private static (double Ips, double Snips, double Dr) Estimates(double[] weightedReward, double[] weight, double[] doublyRobust, int[]? counts)
    {
        double a = 0, b = 0, c = 0, total = 0;
        for (var i = 0; i < weight.Length; i++)
        {
            var k = counts is null ? 1 : counts[i];
            if (k == 0) continue;
            a += k * weightedReward[i];
            b += k * weight[i];
            c += k * doublyRobust[i];
            total += k;
        }

        return (a / total, b > 0 ? a / b : double.NaN, c / total);
    }

    // Each resample draws n indices with replacement, kept as counts per sample so a resample costs two passes.
    private static (double Ips, double Snips, double Dr)[] Bootstrap(double[] weightedReward, double[] weight, double[] doublyRobust, OffPolicyOptions options)
    {
        var random = new Random(options.Seed);
        var n = weight.Length;
        var counts = new int[n];
        var replicates = new (double, double, double)[options.BootstrapResamples];
        for (var b = 0; b < replicates.Length; b++)
        {
            Array.Clear(counts);
            for (var i = 0; i < n; i++)
            {
                counts[random.Next(n)]++;
            }

            replicates[b] = Estimates(weightedReward, weight, doublyRobust, counts);
        }

        return replicates;
    }

    private static OffPolicyEstimate Interval(double value, IEnumerable<double> replicates, double confidence)
    {
        var sorted = replicates.Where(double.IsFinite).Order().ToArray();
        if (sorted.Length == 0)
        {
            return new OffPolicyEstimate(value, double.NaN, double.NaN, double.NaN);
        }

        var tail = (1 - confidence) / 2;
        var mean = sorted.Average();
        var deviation = Math.Sqrt(sorted.Sum(r => (r - mean) * (r - mean)) / Math.Max(1, sorted.Length - 1));
        return new OffPolicyEstimate(value, Quantile(sorted, tail), Quantile(sorted, 1 - tail), deviation);
    }

    private static double Quantile(double[] sorted, double q)
    {
        var position = q * (sorted.Length - 1);
        var low = (int)Math.Floor(position);
        var high = Math.Min(sorted.Length - 1, low + 1);
        return sorted[low] + ((position - low) * (sorted[high] - sorted[low]));
    }
}
