using NotificationActors.Policy.Actions;

namespace NotificationActors.Policy.Slow;

/// <summary>
/// Reusable buffers for planning one member at a time: predictions and utilities for every action.
/// One per thread; after <see cref="SlowPolicy.Plan"/> it holds that member's numbers, which
/// <see cref="SlowPolicy.Explain"/> reads. Keeps the planning kernel free of allocation per member.
/// </summary>
public sealed class PlanningWorkspace
{
    internal PlanningWorkspace(int actionCount, int rewardTermCount)
    {
        ActionCount = actionCount;
        RewardTermCount = rewardTermCount;
        Rewards = new double[actionCount * rewardTermCount];
        OptOutProbability = new double[actionCount * 2];
        Utility = new double[actionCount];
        SoftmaxWeights = new double[actionCount];
        InAppGains = new double[rewardTermCount * (ActionGrid.MaxLevelsPerChannel + 1)];
        InAppValues = new double[ActionGrid.MaxLevelsPerChannel + 1];
        WorthRewards = new double[actionCount * 2];
        WorthOptOut = new double[actionCount * 2];
    }

    /// <summary>Actions in the grid this workspace was made for.</summary>
    public int ActionCount { get; }

    /// <summary>Reward terms of the model this workspace was made for.</summary>
    public int RewardTermCount { get; }

    /// <summary>Utility of every action for the last member planned; infeasible actions hold negative infinity.</summary>
    public ReadOnlySpan<double> Utilities => Utility;

    /// <summary>The model's reward terms for every action of the last member evaluated, term-major (as <see cref="IRewardModel.Predict"/> writes them).</summary>
    public ReadOnlySpan<double> PredictedRewards => Rewards;

    /// <summary>The model's opt-out probabilities for every action of the last member evaluated, push then email.</summary>
    public ReadOnlySpan<double> PredictedOptOut => OptOutProbability;

    internal double[] Rewards { get; }

    internal double[] OptOutProbability { get; }

    internal double[] Utility { get; }

    internal double[] SoftmaxWeights { get; }

    // Sized for the largest in-app cap the options allow (InAppOptions.MaxPerWeek is at most a grid's levels).
    internal double[] InAppGains { get; }

    internal double[] InAppValues { get; }

    // The built-in prior's predictions, which a channel's worth to the member is read from.
    internal double[] WorthRewards { get; }

    internal double[] WorthOptOut { get; }

    /// <summary>What an opt-out of push cost the last member evaluated (<see cref="SlowPolicyOptions.OptOutWorthWeeks"/>).</summary>
    public double PushOptOutCost { get; internal set; }

    /// <summary>What an opt-out of email cost the last member evaluated.</summary>
    public double EmailOptOutCost { get; internal set; }
}
