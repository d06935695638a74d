namespace NotificationActors.Policy.Fast;

/// <summary>Settings of the fast policy's ranking.</summary>
public sealed class FastPolicyOptions
{
    /// <summary>Default <see cref="RankingTemperature"/>.</summary>
    public const double DefaultRankingTemperature = 0.05;

    /// <summary>
    /// Softmax temperature over candidate scores: small values pick the best almost always, yet every eligible
    /// candidate keeps a non-zero logged propensity so the ranker can be evaluated off-policy. 0 means pure argmax.
    /// </summary>
    public double RankingTemperature { get; set; } = DefaultRankingTemperature;

    /// <summary>Throws naming the setting out of range.</summary>
    public void Validate()
    {
        if (!(RankingTemperature >= 0) || double.IsInfinity(RankingTemperature))
        {
            throw new ArgumentOutOfRangeException(nameof(RankingTemperature), RankingTemperature, "RankingTemperature must be a finite non-negative number.");
        }
    }
}
