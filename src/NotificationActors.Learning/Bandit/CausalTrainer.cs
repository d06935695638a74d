using NotificationActors.Learning.Artefacts;
using NotificationActors.Learning.Training;
using NotificationActors.Policy.Fast;

namespace NotificationActors.Learning.Bandit;

/// <summary>
/// Fits the causal ranker: an S-learner by inverse-propensity-weighted ridge regression of the engaged days over the
/// decision's day and the next on the design (x_base, s x), where s is whether the pacing coins let the message out.
/// The effect of sending is not fitted freely over every feature: two days of engaged days are a noisy label (a
/// free fit ranked worse than the engagement ranker at the same sends), so it is held to a few directions built on the
/// engagement ranker's prediction p, which the dense signal of each send's own opens fits well: a constant, p, the
/// member's activity a, a p, an app session and a times it, and the channel alone and times a (<see cref="Terms"/>);
/// and, when the log records plays, on the bandit's play prediction q and a q (<see cref="PlayTerms"/>): a play is
/// what most of a message's effect passes through, and an intent opened out of curiosity is played from less.
/// The outcome without a message is fitted on every base feature. Then it is calibrated per intent and channel on
/// held-out members (<see cref="EffectCalibration.EffectCells"/>). Closed form, one pass over the log.
/// </summary>
internal static class CausalTrainer
{
    /// <summary>The directions the effect of sending is fitted along, by name.</summary>
    public static IReadOnlyList<string> Terms { get; } =
        ["constant", "engagement", "activity", "activity*engagement", "session", "activity*session", "push", "email", "inApp", "activity*push", "activity*email", "activity*inApp"];

    /// <summary>The directions added when the bandit has a play model.</summary>
    public static IReadOnlyList<string> PlayTerms { get; } = ["play", "activity*play"];

    /// <summary>
    /// The card's causal ranker, built on <paramref name="bandit"/> (the engagement ranker's weights over
    /// <see cref="BanditFeatures"/>, and its play model's when it has one), or null with the reason when there is none or
    /// the log holds too few randomised sends or holds.
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

        var directions = Directions(bandit.Theta, bandit.PlayTheta);
        IReadOnlyList<string> terms = bandit.PlayTheta is null ? Terms : [.. Terms, .. PlayTerms];
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

        var effect = new double[d];
        for (var t = 0; t < directions.Length; t++)
        {
            for (var i = 0; i < d; i++) effect[i] += gamma[baseLength + t] * directions[t][i];
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
            Terms = terms.Select((name, t) => new KeyValuePair<string, double>(name, gamma[baseLength + t])).ToDictionary(),
        }, null);
    }

    // Each direction as weights over CausalFeatures: p is the engagement weights over the bandit's block, a p the same
    // weights over the activity-times-bandit block (q and a q likewise with the play weights), the rest one feature each.
    private static double[][] Directions(IReadOnlyList<double> engagement, IReadOnlyList<double>? play)
    {
        var (d, baseLength, activity) = (CausalFeatures.Length, CausalFeatures.BaseLength, CausalFeatures.Activity);
        double[] Unit(int index)
        {
            var direction = new double[d];
            direction[index] = 1;
            return direction;
        }

        static double[] Weights(IReadOnlyList<double> weights, int at)
        {
            var direction = new double[CausalFeatures.Length];
            for (var i = 0; i < BanditFeatures.Length; i++) direction[at + i] = weights[i];
            return direction;
        }

        var names = BanditFeatures.Names.ToList();
        double[][] directions =
        [
            Unit(0), Weights(engagement, 0), Unit(activity), Weights(engagement, baseLength), Unit(names.IndexOf("session")), Unit(activity + 4),
            Unit(names.IndexOf("push")), Unit(names.IndexOf("email")), Unit(names.IndexOf("inApp")), Unit(activity + 1), Unit(activity + 2), Unit(activity + 3),
        ];
        return play is null ? directions : [.. directions, Weights(play, 0), Weights(play, baseLength)];
    }
}
