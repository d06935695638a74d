namespace NotificationActors.Learning.Models;

/// <summary>
/// One trained linear model as the serving path needs it: weights over a <see cref="RewardBasis"/> vector, the
/// bias, and for a probability the Platt calibration ML.NET fitted, p = 1 / (1 + exp(slope * score + offset)).
/// Public so the planning benchmark can build a learned model of the served shape without a trained version.
/// </summary>
/// <param name="Weights">Weights over the crossed vector: <see cref="RewardBasis.RewardLength"/> or <see cref="RewardBasis.OptOutLength"/> of them.</param>
/// <param name="Bias">The bias.</param>
/// <param name="PlattSlope">Platt calibration slope of a probability.</param>
/// <param name="PlattOffset">Platt calibration offset of a probability.</param>
public sealed record LinearHead(float[] Weights, double Bias, double PlattSlope = 0, double PlattOffset = 0)
{
    /// <summary>bias + weights . traits: the part of the score that does not depend on frequency.</summary>
    internal double Main(ReadOnlySpan<double> traits)
    {
        var sum = Bias;
        for (var j = 0; j < traits.Length; j++)
        {
            sum += Weights[j] * traits[j];
        }

        return sum;
    }

    /// <summary>bias + weights . features over a whole crossed vector, as training scores held-out rows.</summary>
    internal double Score(ReadOnlySpan<float> features)
    {
        var sum = Bias;
        for (var i = 0; i < features.Length; i++)
        {
            sum += Weights[i] * features[i];
        }

        return sum;
    }

    /// <summary>The member's coefficient on frequency basis <paramref name="basis"/>: sum_j w[j, basis] traits[j].</summary>
    internal double Coefficient(ReadOnlySpan<double> traits, int basis)
    {
        var offset = traits.Length * (basis + 1);
        var sum = 0.0;
        for (var j = 0; j < traits.Length; j++)
        {
            sum += Weights[offset + j] * traits[j];
        }

        return sum;
    }

    internal double Probability(double score) => 1 / (1 + Math.Exp((PlattSlope * score) + PlattOffset));
}
