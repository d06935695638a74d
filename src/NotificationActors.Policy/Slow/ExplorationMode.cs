namespace NotificationActors.Policy.Slow;

/// <summary>How the slow policy departs from the argmax so that logged weeks support off-policy evaluation.</summary>
public enum ExplorationMode
{
    /// <summary>Always the argmax (propensity 1).</summary>
    Greedy,

    /// <summary>With probability epsilon a uniformly random feasible action, else the argmax.</summary>
    EpsilonGreedy,

    /// <summary>An action drawn with probability proportional to exp(U / temperature).</summary>
    Softmax,

    /// <summary>
    /// With probability epsilon a uniformly random feasible action within <see cref="SlowPolicyOptions.LocalPushRadius"/> push
    /// and <see cref="SlowPolicyOptions.LocalEmailRadius"/> email levels of the argmax (or, for a share
    /// <see cref="SlowPolicyOptions.UniformExplorationShare"/> of explored weeks, from a bounded box of the grid), else the
    /// argmax: exploration that learns the curve where plans are, without the cost of sending a member the grid's far
    /// corners (a random week of a dozen pushes drives opt-outs up).
    /// </summary>
    LocalEpsilonGreedy,
}
