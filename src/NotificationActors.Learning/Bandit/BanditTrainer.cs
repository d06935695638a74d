using NotificationActors.Learning.Artefacts;
using NotificationActors.Learning.Training;
using NotificationActors.Policy.Fast;

namespace NotificationActors.Learning.Bandit;

/// <summary>
/// Fits the fast policy's LinUCB ranker on logged sends and their immediate outcomes: ridge regression of
/// engagement on <see cref="BanditFeatures"/>, theta = (lambda I + sum x x')^-1 sum r x, keeping the inverse for the
/// exploration bonus. Closed form, so training is one pass over the log however many sends it holds.
/// </summary>
internal static class BanditTrainer
{
    /// <summary>The card's bandit, or null with the reason when the log holds too few usable sends.</summary>
    public static (BanditCard? Card, string? Skipped) Fit(BanditData data, RewardTrainingOptions options)
    {
        if (data.TrainSends < options.MinBanditSends)
        {
            return (null, $"only {data.TrainSends} logged sends carry the bandit's inputs and outcome; it needs {options.MinBanditSends}");
        }

        var d = BanditFeatures.Length;
        var gram = (double[])data.Gram.Clone();
        for (var i = 0; i < d; i++)
        {
            gram[(i * d) + i] += options.BanditRidge;
        }

        var inverse = Inverse(gram, d);
        var theta = Solve(inverse, data.Moment);

        var metrics = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["trainEngagementRate"] = data.TrainEngaged / (double)data.TrainSends,
            ["recoveringWeight"] = theta[BanditFeatures.Names.ToList().IndexOf("recovering")],
        };
        IReadOnlyList<CalibrationCell> calibration = [];
        if (data.Validation.Count > 0)
        {
            var predicted = data.Validation.Select(v => (Predicted: Math.Clamp(Dot(theta, v.X), 0, 1), Observed: v.Engaged)).ToArray();
            calibration = EffectCalibration.Cells(data.Validation.Zip(predicted, (send, p) => (send, p.Predicted)));
            metrics["validationEngagementRate"] = predicted.Average(p => p.Observed ? 1.0 : 0);
            metrics["brier"] = predicted.Average(p => Math.Pow(p.Predicted - (p.Observed ? 1 : 0), 2));
            metrics["calibrationError"] = RewardModelTrainer.CalibrationError(predicted);
        }

        return (new BanditCard
        {
            Features = BanditFeatures.Names,
            Theta = theta,
            InverseGram = inverse,
            PlayYield = data.TrainPlayed > 0 ? PlayYields(data) : null,
            Alpha = options.BanditAlpha,
            Ridge = options.BanditRidge,
            TrainSends = data.TrainSends,
            ValidationSends = data.Validation.Count,
            Metrics = metrics,
            Calibration = calibration,
        }, null);
    }

    /// <summary>Units of relevance a bucket's play yield is shrunk toward the overall yield with.</summary>
    public const double PlayYieldPrior = 10;

    private static double[] PlayYields(BanditData data)
    {
        var overall = data.TrainPlayed / Math.Max(1e-9, data.TrainRelevance);
        return [.. data.RelevanceByBucket.Select((relevance, b) => (data.PlayedByBucket[b] + (PlayYieldPrior * overall)) / (relevance + PlayYieldPrior))];
    }

    // theta = inverse . moment.
    private static double[] Solve(double[] inverse, double[] moment)
    {
        var d = moment.Length;
        var theta = new double[d];
        for (var i = 0; i < d; i++)
        {
            for (var j = 0; j < d; j++)
            {
                theta[i] += inverse[(i * d) + j] * moment[j];
            }
        }

        return theta;
    }

    internal static double Dot(double[] theta, float[] x)
    {
        var sum = 0.0;
        for (var i = 0; i < x.Length; i++)
        {
            sum += theta[i] * x[i];
        }

        return sum;
    }

    // Gauss-Jordan with partial pivoting: d is a few dozen and the matrix is ridge-regularised, so this is exact enough.
    internal static double[] Inverse(double[] matrix, int d)
    {
        var a = (double[])matrix.Clone();
        var inverse = new double[d * d];
        for (var i = 0; i < d; i++) inverse[(i * d) + i] = 1;
        for (var c = 0; c < d; c++)
        {
            var pivot = c;
            for (var r = c + 1; r < d; r++)
            {
                if (Math.Abs(a[(r * d) + c]) > Math.Abs(a[(pivot * d) + c])) pivot = r;
            }

            Swap(a, c, pivot, d);
            Swap(inverse, c, pivot, d);
            var scale = 1 / a[(c * d) + c];
            for (var k = 0; k < d; k++)
            {
                a[(c * d) + k] *= scale;
                inverse[(c * d) + k] *= scale;
            }

            for (var r = 0; r < d; r++)
            {
                var factor = a[(r * d) + c];
                if (r == c || factor == 0) continue;
                for (var k = 0; k < d; k++)
                {
                    a[(r * d) + k] -= factor * a[(c * d) + k];
                    inverse[(r * d) + k] -= factor * inverse[(c * d) + k];
                }
            }
        }

        return inverse;
    }

    private static void Swap(double[] m, int row1, int row2, int d)
    {
        if (row1 == row2) return;
        for (var k = 0; k < d; k++)
        {
            (m[(row1 * d) + k], m[(row2 * d) + k]) = (m[(row2 * d) + k], m[(row1 * d) + k]);
        }
    }
}
