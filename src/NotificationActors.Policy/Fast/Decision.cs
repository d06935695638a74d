using NotificationActors.Policy.Actions;

namespace NotificationActors.Policy.Fast;

/// <summary>The outcome of one send opportunity.</summary>
/// <param name="Send">Whether a message goes out now.</param>
/// <param name="CandidateIndex">Index of the chosen candidate in the request, or -1.</param>
/// <param name="Channel">The chosen candidate's channel (meaningless when nothing is sent).</param>
/// <param name="Reason">Why.</param>
/// <param name="Propensity">Probability of this outcome under the policy (pacing coins times ranking), for off-policy evaluation.</param>
public readonly record struct Decision(bool Send, int CandidateIndex, Channel Channel, DecisionReason Reason, double Propensity)
{
    /// <summary>A decision not to send, for <paramref name="reason"/>.</summary>
    public static Decision Hold(DecisionReason reason, double propensity = 1) => new(false, -1, default, reason, propensity);

    /// <summary>The best eligible push candidate's score, NaN if none was scored: the member's yardstick for relevance-weighted pacing.</summary>
    public double PushBestScore { get; init; } = double.NaN;

    /// <summary>The best eligible email candidate's score, NaN if none was scored.</summary>
    public double EmailBestScore { get; init; } = double.NaN;

    /// <summary>The best eligible in-app candidate's score, NaN if none was scored.</summary>
    public double InAppBestScore { get; init; } = double.NaN;

    /// <summary>
    /// The chance the pacing coins let a message out at this opportunity (1 - the product over channels of 1 - p);
    /// NaN when no coin was tossed. With <see cref="BestIndex"/> it makes each send or pacing hold a randomised
    /// treatment a causal ranker learns from.
    /// </summary>
    public double SendProbability { get; init; } = double.NaN;

    /// <summary>The highest-scoring candidate that took part in the coins (the one a pacing hold held back), or -1.</summary>
    public int BestIndex { get; init; } = -1;

    /// <summary>
    /// On a send of <see cref="BestIndex"/>, the chance it went out: its channel's coin times the ranking's choice of it
    /// among the channels whose coins came up; NaN otherwise. Against a pacing hold (1 - <see cref="SendProbability"/>)
    /// it compares like for like: the same best candidate sent or held, where a send of another candidate (its better
    /// rival's channel held) is a different treatment.
    /// </summary>
    public double BestSendProbability { get; init; } = double.NaN;

    /// <summary>
    /// In a ranker's trial, whether the two rankers picked different messages at a send the pacing coins let out: such a
    /// decision is a unit of the trial, its side <see cref="ChallengerDecided"/>.
    /// </summary>
    public bool RankerDuel { get; init; }

    /// <summary>In a ranker's trial, whether the coin gave the send to the challenger's pick (false: the champion's).</summary>
    public bool ChallengerDecided { get; init; }
}
