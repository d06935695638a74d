using NotificationActors.Policy.Actions;

namespace NotificationActors.Policy.Slow;

/// <summary>
/// Predicts, for one member and every action of the grid at once, the reward terms and the per-channel
/// opt-out probability that make up the utility (docs/policy.md). The learning issue supplies ML.NET
/// implementations; <see cref="ParametricRewardModel"/> is the transparent default.
/// </summary>
public interface IRewardModel
{
    /// <summary>Recorded with every plan, so a plan says which model chose it.</summary>
    string Version { get; }

    /// <summary>
    /// The models whose opt-out predictions the population's opt-outs calibrate together: a version that replaces
    /// another of its lineage prices opt-outs at the scale they earned rather than starting afresh. A model's own
    /// version unless it says otherwise.
    /// </summary>
    string OptOutLineage => Version;

    /// <summary>
    /// Whether the reward terms this model predicts are the built-in prior's (<see cref="ParametricRewardModel"/> at its
    /// default curves), whatever it does to opt-outs: the slow policy then reads what each channel is worth to the member
    /// from this model's own predictions instead of predicting the prior a second time.
    /// </summary>
    bool PredictsPriorRewards => false;

    /// <summary>Names of the reward terms Reward_k, in output order (e.g. "engagement").</summary>
    IReadOnlyList<string> RewardNames { get; }

    /// <summary>
    /// Writes predictions for all actions. <paramref name="rewards"/> is term-major:
    /// <c>rewards[k * grid.Count + action]</c>; <paramref name="optOutProbability"/> is channel-major over the
    /// planned channels: <c>[0 * grid.Count + action]</c> for push, <c>[1 * grid.Count + action]</c> for email.
    /// Must not allocate: it runs once per member per week for the whole population.
    /// </summary>
    void Predict(in MemberFeatures member, ActionGrid grid, Span<double> rewards, Span<double> optOutProbability);

    /// <summary>
    /// The plan the slow policy keeps for this member with <paramref name="optedIn"/> open unless another is worth more
    /// than the anchor's margin in utility, and how far from it a plan may move (<see cref="TrustRegionModel"/>: the
    /// champion's plan for the same member and channels); <see cref="PlanAnchor.None"/> for a model that plans on its own.
    /// </summary>
    PlanAnchor Anchor(in MemberFeatures member, ActionGrid grid, ChannelSet optedIn) => PlanAnchor.None;

    /// <summary>
    /// What 0, 1, 2, ... in-app messages in the week add to each reward term for the member at <paramref name="action"/>,
    /// term-major: <c>gains[k * count + i]</c> with count = gains.Length / RewardNames.Count (0 at no messages). Returns
    /// false and writes nothing when the model has not learned what in-app messages are worth, and the slow policy's
    /// in-app curve sets the cap (<see cref="SlowPolicy.InAppCap"/>). Must not allocate.
    /// </summary>
    bool InAppGains(in MemberFeatures member, PacingAction action, Span<double> gains) => false;
}

/// <summary>
/// An action index of the grid the slow policy keeps unless another's utility exceeds it by more than
/// <paramref name="Margin"/>, and the most grid levels a plan may lie from it in either channel (<paramref name="Radius"/>;
/// plans further out are priced out).
/// </summary>
public readonly record struct PlanAnchor(int Index, double Margin, int Radius)
{
    /// <summary>No anchor: the argmax plans.</summary>
    public static PlanAnchor None { get; } = new(-1, 0, int.MaxValue);
}
