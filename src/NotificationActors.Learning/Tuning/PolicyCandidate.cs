using NotificationActors.Policy.Slow;

namespace NotificationActors.Learning.Tuning;

/// <summary>A slow policy to evaluate offline: a reward model and the utility's weights and message cost, planning greedily.</summary>
/// <param name="Name">How tables and charts call it.</param>
/// <param name="Model">The reward model it plans with.</param>
/// <param name="Options">Its utility; exploration is ignored (the candidate is evaluated as the greedy policy).</param>
public sealed record PolicyCandidate(string Name, IRewardModel Model, SlowPolicyOptions Options);
