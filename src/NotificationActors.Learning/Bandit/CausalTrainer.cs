using NotificationActors.Learning.Artefacts;
using NotificationActors.Learning.Training;
using NotificationActors.Policy.Fast;

namespace NotificationActors.Learning.Bandit;

/// <summary>
/// Fits the causal ranker: an S-learner by inverse-propensity-weighted ridge regression of the engaged days over the
/// decision's day and the next on the design (x_base, s x), where s is whether the pacing coins let the message out.
/// The effect of sending is not fitted freely: two days of engaged days are a noisy label, and every free direction
/// (activity, app session, the engagement prediction, fourteen in an earlier build) fitted noise of a few hundredths
/// of a day, more than the differences between candidates, and ranked worse than the caller's relevance; so did a
/// term per channel. So the effect is held to one direction (<see cref="Terms"/>): the plays a send of the candidate can
/// expect, its relevance times its intent's play yield (plays per unit of relevance sent, which every send measures
/// densely; an intent opened out of curiosity yields fewer), with one weight fitted from the coins. The outcome without
/// a message is fitted on every base feature. Then it is calibrated per intent and channel on held-out members
/// (<see cref="EffectCalibration.EffectCells"/>). Closed form, one pass.
/// </summary>
internal static class CausalTrainer
{
    /// <summary>The directions the effect of sending is fitted along, by name.</summary>
    public static IReadOnlyList<string> Terms { get; } = ["plays"];

    /// <summary>
    /// The card's causal ranker, built on <paramref name="bandit"/>'s play yields (every intent alike when the log records
    /// no plays), or null with the reason when there is no bandit or the log holds too few randomised sends or holds.
    /// </summary>
    public static (CausalRankerCard? Card, string? Skipped) Fit(CausalData data, BanditCard? bandit, RewardTrainingOptions options)
    {
        if (bandit is null)
        {
            return (null, "the causal ranker builds on the engagement ranker, which this version does not have");
        }

        if (data.TrainSends < options.MinBanditSends || data.TrainHolds < options.MinBanditSends)
        {
            return (null, $"only {data.TrainSends} randomised sends and {data.TrainHolds} pacing holds carry the causal ranker's inputs and outcome; it needs {options.MinBanditSends} of each");
        }

        var directions = Directions(bandit.PlayYield);
        var (n, baseLength, d) = (CausalData.DesignLength, CausalFeatures.BaseLength, CausalFeatures.Length);
        var k = baseLength + directions.Length;

        // The restricted fit from the full design's statistics: coefficients M gamma, M mapping each base feature to
        // itself and each direction to the treatment block, so gamma solves (M' G M + ridge I) gamma = M' m.
        var m = new double[n * k];
        for (var i = 0; i < baseLength; i++) m[(i * k) + i] = 1;
        for (var t = 0; t < directions.Length; t++)
        {
            for (var i = 0; i < d; i++) m[((baseLength + i) * k) + baseLength + t] = directions[t][i];
        }

        var system = new double[k * k];
        var right = new double[k];
        var gm = new double[n * k];
        for (var r = 0; r < n; r++)
        {
            for (var j = 0; j < n; j++)
            {
                var g = data.Gram[(r * n) + j];
                if (g == 0) continue;
                for (var c = 0; c < k; c++) gm[(r * k) + c] += g * m[(j * k) + c];
            }
        }

        for (var a = 0; a < k; a++)
        {
            for (var r = 0; r < n; r++)
            {
                var mra = m[(r * k) + a];
                if (mra == 0) continue;
                right[a] += mra * data.Moment[r];
                for (var c = 0; c < k; c++) system[(a * k) + c] += mra * gm[(r * k) + c];
            }

            system[(a * k) + a] += options.CausalRidge;
        }

        var inverse = BanditTrainer.Inverse(system, k);
        var gamma = new double[k];
        for (var a = 0; a < k; a++)
        {
            for (var c = 0; c < k; c++) gamma[a] += inverse[(a * k) + c] * right[c];
        }

        if (!(gamma[baseLength] > 0))
        {
            return (null, $"the coins show no gain from the plays a send can expect (weight {gamma[baseLength]:0.000} engaged days a play), so the effect would rank nothing");
        }

        var effect = new double[d];
        for (var t = 0; t < directions.Length; t++)
        {
            for (var i = 0; i < d; i++) effect[i] += gamma[baseLength + t] * directions[t][i];
        }

        var predictions = data.Validation.Select(v => (v, BanditTrainer.Dot(effect, v.X))).ToArray();
        var cells = EffectCalibration.EffectCells(predictions);
        var predicted = predictions.Length == 0 ? double.NaN : predictions.Average(p => p.Item2);
        return (new CausalRankerCard
        {
            Features = CausalFeatures.Names,
            Effect = effect,
            Ridge = options.CausalRidge,
            HorizonDays = CausalData.HorizonDays,
            TrainSends = data.TrainSends,
            TrainHolds = data.TrainHolds,
            ValidationDecisions = data.Validation.Count,
            MeanPredictedEffect = predicted,
            Calibration = cells,
            Terms = Terms.Select((name, t) => new KeyValuePair<string, double>(name, gamma[baseLength + t])).ToDictionary(),
        }, null);
    }

    // The one direction as weights over CausalFeatures: the relevance in each category bucket weighed by the bucket's play yield.
    private static double[][] Directions(IReadOnlyList<double>? playYield)
    {
        var plays = new double[CausalFeatures.Length];
        for (var b = 0; b < BanditFeatures.CategoryBuckets; b++) plays[CausalFeatures.RelevanceByCategory + b] = playYield?[b] ?? 1;
        return [plays];
    }
}
