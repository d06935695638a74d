using NotificationActors.Policy.Actions;

namespace NotificationActors.Policy.Slow;

/// <summary>
/// The weekly pacing plan: evaluates U(x, a) = sum_k w_k Reward_k(x, a) - c sends(a) - sum_ch cost_ch P(opt-out_ch | x, a)
/// for every action of the grid, then takes the argmax with logged exploration (design/policy.md).
/// Thread-safe; each thread brings its own <see cref="PlanningWorkspace"/> and <see cref="Random"/>.
/// </summary>
public sealed class SlowPolicy
{
    private readonly double[] _rewardWeights;
    private readonly double _messageCost;
    private readonly double _pushOptOutCost;
    private readonly double _emailOptOutCost;

    /// <summary>A policy over <paramref name="grid"/> scoring with <paramref name="model"/>; options are validated.</summary>
    public SlowPolicy(ActionGrid grid, IRewardModel model, SlowPolicyOptions options)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Grid = grid;
        Model = model;
        Options = options;
        _rewardWeights = model.RewardNames.Select(name => options.RewardWeights.GetValueOrDefault(name, 1)).ToArray();
        _messageCost = options.MessageCost;
        _pushOptOutCost = options.PushOptOutCost;
        _emailOptOutCost = options.EmailOptOutCost;
    }

    /// <summary>The action space.</summary>
    public ActionGrid Grid { get; }

    /// <summary>The reward model; its version is recorded with each plan.</summary>
    public IRewardModel Model { get; }

    /// <summary>The utility weights, costs and exploration in force.</summary>
    public SlowPolicyOptions Options { get; }

    /// <summary>Buffers sized for this policy's grid and model.</summary>
    public PlanningWorkspace CreateWorkspace() => new(Grid.Count, Model.RewardNames.Count);

    /// <summary>
    /// Evaluates every action for the member and returns the index of the argmax among the actions feasible with
    /// <paramref name="optedIn"/> (ties go to the fewer messages: the lower index). Fills <see cref="PlanningWorkspace.Utilities"/>.
    /// </summary>
    public int Evaluate(in MemberFeatures member, ChannelSet optedIn, PlanningWorkspace workspace)
    {
        CheckWorkspace(workspace);
        var n = Grid.Count;
        Model.Predict(member, Grid, workspace.Rewards, workspace.OptOutProbability);

        var utility = workspace.Utility.AsSpan(0, n);
        var rewards = workspace.Rewards.AsSpan();
        var weight = _rewardWeights[0];
        for (var a = 0; a < n; a++)
        {
            utility[a] = weight * rewards[a];
        }

        for (var k = 1; k < _rewardWeights.Length; k++)
        {
            weight = _rewardWeights[k];
            var term = rewards.Slice(k * n, n);
            for (var a = 0; a < n; a++)
            {
                utility[a] += weight * term[a];
            }
        }

        var pushOptOut = workspace.OptOutProbability.AsSpan(0, n);
        var emailOptOut = workspace.OptOutProbability.AsSpan(n, n);
        var actions = Grid.Actions;
        var pushAllowed = optedIn.Contains(Channel.Push);
        var emailAllowed = optedIn.Contains(Channel.Email);
        var best = -1;
        var bestUtility = double.NegativeInfinity;
        for (var a = 0; a < n; a++)
        {
            var action = actions[a];
            if ((!pushAllowed && action.Push > 0) || (!emailAllowed && action.Email > 0))
            {
                utility[a] = double.NegativeInfinity;
                continue;
            }

            var u = utility[a] - (_messageCost * action.Sends) - (_pushOptOutCost * pushOptOut[a]) - (_emailOptOutCost * emailOptOut[a]);
            utility[a] = u;
            if (u > bestUtility)
            {
                bestUtility = u;
                best = a;
            }
        }

        // The (0, 0) action is always feasible; a NaN prediction leaves it as the safe choice.
        return best < 0 ? 0 : best;
    }

    /// <summary>Plans one member-week: the argmax with the configured exploration and its propensity.</summary>
    public PlanChoice Plan(in MemberFeatures member, ChannelSet optedIn, PlanningWorkspace workspace, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var best = Evaluate(member, optedIn, workspace);
        var utility = workspace.Utility.AsSpan(0, Grid.Count);
        return Options.Exploration switch
        {
            ExplorationMode.EpsilonGreedy => EpsilonGreedy(utility, best, random),
            ExplorationMode.Softmax => Softmax(utility, workspace.SoftmaxWeights, best, random),
            _ => new PlanChoice(Grid[best], 1, false, utility[best], utility[best]),
        };
    }

    /// <summary>The utility of each term for <paramref name="action"/> of the member last planned in <paramref name="workspace"/>.</summary>
    public PlanExplanation Explain(PlanningWorkspace workspace, PacingAction action)
    {
        CheckWorkspace(workspace);
        var n = Grid.Count;
        var a = action.Index;
        var terms = new Dictionary<string, double>(StringComparer.Ordinal);
        var names = Model.RewardNames;
        for (var k = 0; k < names.Count; k++)
        {
            terms[names[k]] = _rewardWeights[k] * workspace.Rewards[(k * n) + a];
        }

        terms[PlanExplanation.MessageCostTerm] = -_messageCost * action.Sends;
        terms[PlanExplanation.OptOutRiskTerm] =
            -((_pushOptOutCost * workspace.OptOutProbability[a]) + (_emailOptOutCost * workspace.OptOutProbability[n + a]));
        return new PlanExplanation(terms.Values.Sum(), terms);
    }

    private PlanChoice EpsilonGreedy(ReadOnlySpan<double> utility, int best, Random random)
    {
        var epsilon = Options.Epsilon;
        var feasible = 0;
        foreach (var u in utility)
        {
            if (!double.IsNegativeInfinity(u)) feasible++;
        }

        var uniformShare = epsilon / feasible;
        var chosen = best;
        if (random.NextDouble() < epsilon)
        {
            var pick = random.Next(feasible);
            for (var a = 0; a < utility.Length; a++)
            {
                if (!double.IsNegativeInfinity(utility[a]) && pick-- == 0)
                {
                    chosen = a;
                    break;
                }
            }
        }

        var propensity = chosen == best ? 1 - epsilon + uniformShare : uniformShare;
        return new PlanChoice(Grid[chosen], propensity, chosen != best, utility[chosen], utility[best]);
    }

    private PlanChoice Softmax(ReadOnlySpan<double> utility, Span<double> weights, int best, Random random)
    {
        var inverseTemperature = 1 / Options.Temperature;
        var max = utility[best];
        var total = 0.0;
        for (var a = 0; a < utility.Length; a++)
        {
            // exp(-inf) is 0: infeasible actions are never drawn.
            weights[a] = Math.Exp((utility[a] - max) * inverseTemperature);
            total += weights[a];
        }

        var target = random.NextDouble() * total;
        var chosen = best;
        var cumulative = 0.0;
        for (var a = 0; a < utility.Length; a++)
        {
            cumulative += weights[a];
            if (cumulative > target && weights[a] > 0)
            {
                chosen = a;
                break;
            }
        }

        return new PlanChoice(Grid[chosen], weights[chosen] / total, chosen != best, utility[chosen], max);
    }

    private void CheckWorkspace(PlanningWorkspace workspace)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        if (workspace.ActionCount != Grid.Count || workspace.RewardTermCount != Model.RewardNames.Count)
        {
            throw new ArgumentException("The workspace was made for another grid or model; use CreateWorkspace().", nameof(workspace));
        }
    }
}
