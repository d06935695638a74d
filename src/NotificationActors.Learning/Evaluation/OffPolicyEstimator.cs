using System.Globalization;

namespace NotificationActors.Learning.Evaluation;

/// <summary>
/// Off-policy evaluation: what a target policy would have earned, estimated from the logs of the policy that
/// actually chose (the slow policy logs each plan's propensity for this; see docs/policy.md).
/// </summary>
public static class OffPolicyEstimator
{
    /// <summary>A sample's share of each estimator's sums, its importance weight clipped at <paramref name="cap"/>.</summary>
    internal static SampleTerms Terms(in LoggedSample sample, double cap)
    {
        var weight = Math.Min(sample.TargetProbability / sample.LoggingPropensity, cap);
        return new SampleTerms(weight, weight * sample.Reward, sample.ModelValueUnderTarget + (weight * (sample.Reward - sample.ModelRewardOfLogged)));
    }

    /// <summary>
    /// IPS, self-normalised IPS and doubly-robust estimates of the target policy's mean reward per sample, each
    /// with a bootstrap percentile interval and standard error, and the weights' effective sample size.
    /// </summary>
    /// <param name="samples">The logged samples, each with the target's probability of the logged action.</param>
    /// <param name="options">Clipping and bootstrap settings; validated first.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (named by the parameter name).</exception>
    /// <exception cref="ArgumentException">
    /// The log is empty, or a sample has a probability out of range or a non-finite value; the message names the
    /// sample's index and field, e.g. "sample 17: loggingPropensity 0 is outside (0, 1]".
    /// </exception>
    public static OffPolicyReport Evaluate(IReadOnlyList<LoggedSample> samples, OffPolicyOptions options)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var n = samples.Count;
        if (n == 0)
        {
            throw new ArgumentException("The log has no samples; off-policy evaluation needs at least one.", nameof(samples));
        }

        var cap = options.MaxImportanceWeight ?? double.PositiveInfinity;
        var terms = new SampleTerms[n];
        double sumWeight = 0, sumSquaredWeight = 0, sumWeightedReward = 0, sumDoublyRobust = 0, maxWeight = 0;
        var clipped = 0;
        for (var i = 0; i < n; i++)
        {
            var sample = samples[i];
            if (Problem(sample) is { } problem)
            {
                throw new ArgumentException($"sample {i}: {problem}", nameof(samples));
            }

            var term = Terms(sample, cap);
            if (term.Weight < sample.TargetProbability / sample.LoggingPropensity) clipped++;
            var weight = term.Weight;
            terms[i] = term;
            sumWeight += weight;
            sumSquaredWeight += weight * weight;
            sumWeightedReward += term.WeightedReward;
            sumDoublyRobust += term.DoublyRobust;
            maxWeight = Math.Max(maxWeight, weight);
        }

        var point = EstimatorValues.FromSums(n, sumWeight, sumWeightedReward, sumDoublyRobust);
        var replicates = PercentileBootstrap.Resample(terms, options.BootstrapResamples, options.Seed);

        // Cauchy-Schwarz bounds the effective sample size by n; rounding must not push it past.
        var effectiveSampleSize = sumSquaredWeight > 0 ? Math.Min(n, sumWeight * sumWeight / sumSquaredWeight) : 0;
        return new OffPolicyReport(
            PercentileBootstrap.Summarise(point.Ips, replicates.Ips, options.Confidence),
            PercentileBootstrap.Summarise(point.SelfNormalisedIps, replicates.SelfNormalisedIps, options.Confidence),
            PercentileBootstrap.Summarise(point.DoublyRobust, replicates.DoublyRobust, options.Confidence),
            effectiveSampleSize,
            n,
            clipped,
            maxWeight);
    }

    // The first thing wrong with a sample, as "field value problem", or null.
    private static string? Problem(LoggedSample sample) =>
        !(sample.LoggingPropensity is > 0 and <= 1) ? Describe("loggingPropensity", sample.LoggingPropensity, "is outside (0, 1]")
        : !(sample.TargetProbability is >= 0 and <= 1) ? Describe("targetProbability", sample.TargetProbability, "is outside [0, 1]")
        : !double.IsFinite(sample.Reward) ? Describe("reward", sample.Reward, "is not finite")
        : !double.IsFinite(sample.ModelRewardOfLogged) ? Describe("modelRewardOfLogged", sample.ModelRewardOfLogged, "is not finite")
        : !double.IsFinite(sample.ModelValueUnderTarget) ? Describe("modelValueUnderTarget", sample.ModelValueUnderTarget, "is not finite")
        : null;

    private static string Describe(string field, double value, string problem) =>
        string.Create(CultureInfo.InvariantCulture, $"{field} {value} {problem}");
}
