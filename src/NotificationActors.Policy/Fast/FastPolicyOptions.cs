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

    /// <summary>
    /// Candidates scoring below this are never sent, transactional ones excepted (decision reason below-threshold): 0 for
    /// a ranker whose score is the effect of sending, so a message predicted to lower engagement stays unsent.
    /// </summary>
    public double MinimumScore { get; set; } = double.NegativeInfinity;

    /// <summary>Throws naming the setting out of range.</summary>
    public void Validate()
    {
        if (!(RankingTemperature >= 0) || double.IsInfinity(RankingTemperature))
        {
            throw new ArgumentOutOfRangeException(nameof(RankingTemperature), RankingTemperature, "RankingTemperature must be a finite non-negative number.");
        }

        if (double.IsNaN(MinimumScore) || double.IsPositiveInfinity(MinimumScore))
        {
            throw new ArgumentOutOfRangeException(nameof(MinimumScore), MinimumScore, "MinimumScore must be a number below infinity.");
        }
    }
}
