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
}
