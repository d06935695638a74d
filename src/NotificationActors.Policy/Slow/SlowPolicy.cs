using NotificationActors.Policy.Actions;

namespace NotificationActors.Policy.Slow;

/// <summary>
/// The weekly pacing plan: evaluates U(x, a) = sum_k w_k Reward_k(x, a) - c sends(a) - sum_ch cost_ch P(opt-out_ch | x, a)
/// for every action of the grid, then takes the argmax with logged exploration (docs/policy.md).
/// Thread-safe; each thread brings its own <see cref="PlanningWorkspace"/> and <see cref="Random"/>.
/// </summary>
public sealed class SlowPolicy
{
    private readonly double[] _rewardWeights;
    private readonly double _messageCost;
    private readonly double _pushOptOutCost;
    private readonly double _emailOptOutCost;

    // Bounds on a member's in-app responsiveness, their in-app open rate over the reference: a member who never opens
    // one keeps a quarter of the reference's value, and one who opens every one is worth at most four times it.
    private const double MinInAppResponsiveness = 0.25;
    private const double MaxInAppResponsiveness = 4;

    // The reward term that holds this week's engaged days, whose idle remainder in-app messages can win back; -1 if none.
    private readonly int _engagementTerm;

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
        _engagementTerm = model.RewardNames.ToList().IndexOf(ParametricRewardModel.EngagementTerm);
        _worthWeights = WorthModel.RewardNames.Select(name => options.RewardWeights.GetValueOrDefault(name, 1)).ToArray();
        _worthFromModel = model.PredictsPriorRewards;
    }

    // The model a channel's worth is read from, and the weights of its two reward terms.
    private static readonly ParametricRewardModel WorthModel = new();
    private readonly double[] _worthWeights;

    // The model's own rewards are the prior's (the usual case before a promotion), so the worth is read from them.
    private readonly bool _worthFromModel;

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
        var (pushCost, emailCost) = OptOutPrices(member, workspace, pushAllowed, emailAllowed);
        workspace.PushOptOutCost = pushCost;
        workspace.EmailOptOutCost = emailCost;
        for (var a = 0; a < n; a++)
        {
            var action = actions[a];
            if (!Feasible(action, pushAllowed, emailAllowed))
            {
                utility[a] = double.NegativeInfinity;
                continue;
            }

            var u = utility[a] - (_messageCost * action.Sends) - (pushCost * pushOptOut[a]) - (emailCost * emailOptOut[a]);
            utility[a] = u;
            if (u > bestUtility)
            {
                bestUtility = u;
                best = a;
            }
        }

        // A challenger plans near the champion's plan for the same member and channels, and keeps it unless it values
        // another clearly more.
        var anchor = Model.Anchor(member, Grid, optedIn);
        if (anchor.Index >= 0)
        {
            best = WithinRegion(utility, anchor);
            if (best >= 0 && !(utility[best] > utility[anchor.Index] + anchor.Margin)) best = anchor.Index;
        }

        // The (0, 0) action is always feasible; a NaN prediction leaves it as the safe choice.
        return best < 0 ? 0 : best;
    }

    /// <summary>
    /// What an opt-out of each channel costs this member: the configured price, or, when more, what the channel is worth to
    /// them over <see cref="SlowPolicyOptions.OptOutWorthWeeks"/> weeks. A channel's worth is the week's best plan less the
    /// best plan without it, by the built-in prior's rewards less its message cost: a member whom messages move more, or
    /// whose other channel cannot stand in for it (closed, or opened too rarely to), pays more to risk it. The prior, not
    /// the policy's own model: a version that overvalued its messages would price their opt-outs up with them and blunt
    /// the message cost tuned against that (docs/policy.md), and both sides of a trial price a member alike.
    /// </summary>
    private (double Push, double Email) OptOutPrices(in MemberFeatures member, PlanningWorkspace workspace, bool pushAllowed, bool emailAllowed)
    {
        var weeks = Options.OptOutWorthWeeks;
        if (weeks == 0) return (_pushOptOutCost, _emailOptOutCost);
        var n = Grid.Count;
        var rewards = workspace.Rewards;
        if (!_worthFromModel)
        {
            rewards = workspace.WorthRewards;
            WorthModel.Predict(member, Grid, rewards, workspace.WorthOptOut);
        }

        double best = double.NegativeInfinity, bestWithoutPush = double.NegativeInfinity, bestWithoutEmail = double.NegativeInfinity;
        var actions = Grid.Actions;
        for (var a = 0; a < n; a++)
        {
            var action = actions[a];
            if (!Feasible(action, pushAllowed, emailAllowed)) continue;
            var net = (_worthWeights[0] * rewards[a]) + (_worthWeights[1] * rewards[n + a]) - (SlowPolicyOptions.DefaultMessageCost * action.Sends);
            best = Math.Max(best, net);
            if (action.Push == 0) bestWithoutPush = Math.Max(bestWithoutPush, net);
            if (action.Email == 0) bestWithoutEmail = Math.Max(bestWithoutEmail, net);
        }

        // The plan with neither channel is always feasible, so both bests are finite unless a feature was NaN, which
        // Math.Max carries through and which leaves the configured price.
        var pushPrice = weeks * (best - bestWithoutPush);
        var emailPrice = weeks * (best - bestWithoutEmail);
        return (pushPrice > _pushOptOutCost ? pushPrice : _pushOptOutCost, emailPrice > _emailOptOutCost ? emailPrice : _emailOptOutCost);
    }

    // An action that sends nothing on a channel the member closed.
    private static bool Feasible(PacingAction action, bool pushAllowed, bool emailAllowed) =>
        (pushAllowed || action.Push == 0) && (emailAllowed || action.Email == 0);

    /// <summary>What a plan outside an anchor's region is worth: far below any utility, yet finite, so exploration's order among such plans stays the model's.</summary>
    private const double OutsidePenalty = -1_000;

    // Prices out the plans further than the anchor's radius from it and returns the best of the rest: the anchor is
    // feasible (it was planned for the same channels), so one is always left.
    private int WithinRegion(Span<double> utility, PlanAnchor anchor)
    {
        var emailLevels = Grid.EmailLevels.Length;
        var (anchorPush, anchorEmail) = Math.DivRem(anchor.Index, emailLevels);
        var best = -1;
        var bestUtility = double.NegativeInfinity;
        for (var a = 0; a < utility.Length; a++)
        {
            var (push, email) = Math.DivRem(a, emailLevels);
            if (Math.Abs(push - anchorPush) > anchor.Radius || Math.Abs(email - anchorEmail) > anchor.Radius)
            {
                utility[a] += OutsidePenalty;
            }
            else if (utility[a] > bestUtility)
            {
                bestUtility = utility[a];
                best = a;
            }
        }

        return best;
    }

    /// <summary>Plans one member-week: the argmax with the configured exploration and its propensity.</summary>
    public PlanChoice Plan(in MemberFeatures member, ChannelSet optedIn, PlanningWorkspace workspace, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var best = Evaluate(member, optedIn, workspace);
        var utility = workspace.Utility.AsSpan(0, Grid.Count);
        return Options.Exploration switch
        {
            ExplorationMode.EpsilonGreedy => EpsilonGreedy(utility, best, random, local: false),
            ExplorationMode.LocalEpsilonGreedy => EpsilonGreedy(utility, best, random, local: true),
            ExplorationMode.Softmax => Softmax(utility, workspace.SoftmaxWeights, best, random),
            _ => new PlanChoice(Grid[best], 1, false, utility[best], utility[best]),
        };
    }

    /// <summary>
    /// The weekly in-app cap for <paramref name="action"/> of the member last evaluated in <paramref name="workspace"/>, and
    /// its utility: the count in [0, <see cref="InAppOptions.MaxPerWeek"/>] maximising
    /// <c>g(i) - c i - sum_ch cost_ch (P_ch(f_ch + w i) - P_ch(f_ch))</c>, where P_ch is the model's own opt-out curve of an
    /// open channel, read at w in-app messages' worth of extra messages, and g(i) what i in-app messages add: the model's
    /// learned in-app curve, weighted as its reward terms are (<see cref="IRewardModel.InAppGains"/>), or for a model without
    /// one h (1 - exp(-r i)), h the share of idle days the model's engagement at the action leaves times the member's
    /// receptiveness and in-app responsiveness (their in-app open rate over the reference), and r the in-app effect. That
    /// curve is concave in i, so its first fall ends the scan; a learned one is scanned whole. Zero when the member turned
    /// in-app off.
    /// </summary>
    public (int Cap, double Utility) InAppCap(in MemberFeatures member, PacingAction action, ChannelSet optedIn, PlanningWorkspace workspace)
    {
        CheckWorkspace(workspace);
        var max = Options.InApp.MaxPerWeek;
        if (!optedIn.Contains(Channel.InApp) || max == 0)
        {
            return (0, 0);
        }

        var learned = InAppValues(member, action, workspace);
        var best = 0;
        var bestUtility = 0.0;
        for (var i = 1; i <= max; i++)
        {
            var u = InAppUtility(action, optedIn, workspace, i);
            if (!(u > bestUtility))
            {
                if (learned) continue;
                break;
            }

            (best, bestUtility) = (i, u);
        }

        return (best, bestUtility);
    }

    /// <summary>
    /// The week's in-app cap for the plan <paramref name="choice"/> and its utility: <see cref="InAppCap"/>'s, except on a
    /// week whose push and email were explored, when it is drawn uniformly from 0 to <see cref="InAppOptions.MaxPerWeek"/>
    /// with <paramref name="random"/>, independently of their draw, so what in-app messages are worth is learned from the
    /// same randomised weeks as push and email's (docs/learning.md). Drawn after the plan's own, it leaves that stream as it was.
    /// </summary>
    public (int Cap, double Utility) PlanInApp(in MemberFeatures member, PlanChoice choice, ChannelSet optedIn, PlanningWorkspace workspace, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var planned = InAppCap(member, choice.Action, optedIn, workspace);
        if (!choice.Explored || !optedIn.Contains(Channel.InApp) || Options.InApp.MaxPerWeek == 0)
        {
            return planned;
        }

        var drawn = random.Next(Options.InApp.MaxPerWeek + 1);
        return (drawn, drawn == 0 ? 0 : InAppUtility(choice.Action, optedIn, workspace, drawn));
    }

    // Fills the workspace's in-app values, what 0..MaxPerWeek in-app messages add at the action: the model's learned curve
    // (true) or the in-app curve of the options (false).
    private bool InAppValues(in MemberFeatures member, PacingAction action, PlanningWorkspace workspace)
    {
        var options = Options.InApp;
        var count = options.MaxPerWeek + 1;
        var values = workspace.InAppValues.AsSpan(0, count);
        var terms = _rewardWeights.Length;
        var gains = workspace.InAppGains.AsSpan(0, terms * count);
        if (Model.InAppGains(member, action, gains))
        {
            values.Clear();
            for (var k = 0; k < terms; k++)
            {
                var weight = _rewardWeights[k];
                var term = gains.Slice(k * count, count);
                for (var i = 0; i < count; i++)
                {
                    values[i] += weight * term[i];
                }
            }

            return true;
        }

        var engagement = _engagementTerm >= 0 ? workspace.Rewards[(_engagementTerm * Grid.Count) + action.Index] : member.EngagedDaysPerWeek;
        // Dismissals, falling opens and unopened in-app messages lower what in-app messages can win, not how fast they win
        // it: on a slower curve each further message still adds, so a member who dismissed more, or opened fewer, was
        // capped higher where push and email leave many idle days. The open rate is the member's own, read against the
        // reference in full: the features already shrink it toward that reference until their in-app messages say more.
        var responsiveness = Math.Clamp(member.InAppOpenRate / options.ReferenceOpenRate, MinInAppResponsiveness, MaxInAppResponsiveness);
        var headroom = options.HeadroomShare * MemberSignals.Receptiveness(member) * responsiveness * Math.Max(0, 7 - engagement);
        for (var i = 0; i < count; i++)
        {
            values[i] = headroom * (1 - Math.Exp(-options.Effect * i));
        }

        return false;
    }

    // The utility of i in-app messages beside the action, from the workspace's in-app values.
    private double InAppUtility(PacingAction action, ChannelSet optedIn, PlanningWorkspace workspace, int i)
    {
        var n = Grid.Count;
        var emailCount = Grid.EmailLevels.Length;
        var (pushIndex, emailIndex) = Math.DivRem(action.Index, emailCount);
        var pushOptOut = workspace.OptOutProbability.AsSpan(0, n);
        var emailOptOut = workspace.OptOutProbability.AsSpan(n, n);
        var extra = Options.InApp.FatigueWeight * i;
        var risk = 0.0;
        if (optedIn.Contains(Channel.Push))
        {
            risk += workspace.PushOptOutCost * (OptOutAt(pushOptOut, Grid.PushLevels, pushIndex, emailIndex, emailCount, extra) - pushOptOut[action.Index]);
        }

        if (optedIn.Contains(Channel.Email))
        {
            risk += workspace.EmailOptOutCost * (OptOutAt(emailOptOut, Grid.EmailLevels, emailIndex, pushIndex * emailCount, 1, extra) - emailOptOut[action.Index]);
        }

        return workspace.InAppValues[i] - (_messageCost * i) - risk;
    }

    // A channel's opt-out probability at `extra` more messages than level `from`, along that channel's levels (the other
    // channel's level fixed; action index = offset + level x stride): linear between grid levels, past the last along its slope.
    private static double OptOutAt(ReadOnlySpan<double> probability, ReadOnlySpan<int> levels, int from, int offset, int stride, double extra)
    {
        if (levels.Length < 2)
        {
            return probability[offset + (from * stride)];
        }

        var target = levels[from] + extra;
        var upper = Math.Min(from + 1, levels.Length - 1);
        while (upper < levels.Length - 1 && levels[upper] < target) upper++;
        var lower = upper - 1;
        var (p0, p1) = (probability[offset + (lower * stride)], probability[offset + (upper * stride)]);
        var slope = (p1 - p0) / (levels[upper] - levels[lower]);
        return Math.Clamp(p0 + (slope * (target - levels[lower])), 0, 1);
    }

    /// <summary>The utility of each term for <paramref name="action"/> of the member last planned in <paramref name="workspace"/>.</summary>
    public PlanExplanation Explain(PlanningWorkspace workspace, PacingAction action)
    {
        CheckWorkspace(workspace);
        var n = Grid.Count;
        var a = action.Index;
        var names = Model.RewardNames;
        var terms = new Dictionary<string, double>(names.Count + 2, StringComparer.Ordinal);
        for (var k = 0; k < names.Count; k++)
        {
            terms[names[k]] = _rewardWeights[k] * workspace.Rewards[(k * n) + a];
        }

        terms[PlanExplanation.MessageCostTerm] = -_messageCost * action.Sends;
        terms[PlanExplanation.OptOutRiskTerm] =
            -((workspace.PushOptOutCost * workspace.OptOutProbability[a]) + (workspace.EmailOptOutCost * workspace.OptOutProbability[n + a]));
        return new PlanExplanation(terms.Values.Sum(), terms);
    }

    // With probability epsilon an explored action, else the argmax. Plain epsilon-greedy draws it from every feasible
    // action. Local exploration draws it within LocalPushRadius and LocalEmailRadius levels of the argmax, or, for a share
    // UniformExplorationShare of explored weeks, from the feasible actions of the uniform box. The propensity is the exact mixture.
    private PlanChoice EpsilonGreedy(ReadOnlySpan<double> utility, int best, Random random, bool local)
    {
        var epsilon = Options.Epsilon;
        var emailLevels = Grid.EmailLevels.Length;
        var (bestPush, bestEmail) = Math.DivRem(best, emailLevels);
        var (pushRadius, emailRadius) = local ? (Options.LocalPushRadius, Options.LocalEmailRadius) : (int.MaxValue, int.MaxValue);
        int near = 0, boxed = 0;
        for (var a = 0; a < utility.Length; a++)
        {
            if (IsNear(utility, a, bestPush, bestEmail, pushRadius, emailRadius)) near++;
            if (InUniformBox(utility, a)) boxed++;
        }

        var uniformShare = local && boxed > 0 ? Options.UniformExplorationShare : 0;
        var chosen = best;
        if (random.NextDouble() < epsilon)
        {
            // The extra draw only when some exploration is uniform, so purely local runs keep their random stream.
            var uniform = uniformShare > 0 && random.NextDouble() < uniformShare;
            var pick = random.Next(uniform ? boxed : near);
            for (var a = 0; a < utility.Length; a++)
            {
                if ((uniform ? InUniformBox(utility, a) : IsNear(utility, a, bestPush, bestEmail, pushRadius, emailRadius)) && pick-- == 0)
                {
                    chosen = a;
                    break;
                }
            }
        }

        var fromBox = uniformShare > 0 && InUniformBox(utility, chosen) ? uniformShare / boxed : 0;
        var fromNear = IsNear(utility, chosen, bestPush, bestEmail, pushRadius, emailRadius) ? (1 - uniformShare) / near : 0;
        var propensity = (chosen == best ? 1 - epsilon : 0) + (epsilon * (fromBox + fromNear));
        return new PlanChoice(Grid[chosen], propensity, chosen != best, utility[chosen], utility[best]);
    }

    private bool IsNear(ReadOnlySpan<double> utility, int action, int bestPush, int bestEmail, int pushRadius, int emailRadius)
    {
        if (double.IsNegativeInfinity(utility[action])) return false;
        var (push, email) = Math.DivRem(action, Grid.EmailLevels.Length);
        return Math.Abs(push - bestPush) <= pushRadius && Math.Abs(email - bestEmail) <= emailRadius;
    }

    // A feasible action a uniform explored week may draw: within UniformExplorationMaxPush pushes and UniformExplorationMaxEmail emails.
    private bool InUniformBox(ReadOnlySpan<double> utility, int action)
    {
        if (double.IsNegativeInfinity(utility[action])) return false;
        var (push, email) = Math.DivRem(action, Grid.EmailLevels.Length);
        return Grid.PushLevels[push] <= Options.UniformExplorationMaxPush && Grid.EmailLevels[email] <= Options.UniformExplorationMaxEmail;
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
