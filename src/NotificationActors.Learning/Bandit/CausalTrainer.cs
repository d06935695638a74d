using NotificationActors.Learning.Artefacts;
using NotificationActors.Learning.Training;
using NotificationActors.Policy.Fast;

namespace NotificationActors.Learning.Bandit;

/// <summary>
/// Fits the causal ranker: an S-learner by inverse-propensity-weighted ridge regression of the engaged days over the
/// decision's day and the next on (x, s x), where s is whether the pacing coins let the message out; the weights of
/// s x are the effect of sending. Then calibrates it per intent and channel on held-out members
/// (<see cref="EffectCalibration.EffectCells"/>). Closed form, one pass over the log.
/// </summary>
internal static class CausalTrainer
{
    /// <summary>The card's causal ranker, or null with the reason when the log holds too few randomised sends or holds.</summary>
    public static (CausalRankerCard? Card, string? Skipped) Fit(CausalData data, RewardTrainingOptions options)
    {
        if (data.TrainSends < options.MinBanditSends || data.TrainHolds < options.MinBanditSends)
        {
            return (null, $"only {data.TrainSends} randomised sends and {data.TrainHolds} pacing holds carry the causal ranker's inputs and outcome; it needs {options.MinBanditSends} of each");
        }

        var n = CausalData.DesignLength;
        var gram = (double[])data.Gram.Clone();
        for (var i = 0; i < n; i++)
        {
            gram[(i * n) + i] += options.CausalRidge;
        }

        var inverse = BanditTrainer.Inverse(gram, n);
        var d = CausalFeatures.Length;
        var effect = new double[d];
        for (var i = 0; i < d; i++)
        {
            for (var j = 0; j < n; j++)
            {
                effect[i] += inverse[((i + d) * n) + j] * data.Moment[j];
            }
        }

        var cells = EffectCalibration.EffectCells(data.Validation.Select(v => (v, BanditTrainer.Dot(effect, v.X))));
        var predicted = data.Validation.Count == 0 ? double.NaN : data.Validation.Average(v => BanditTrainer.Dot(effect, v.X));
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
        }, null);
    }
}
