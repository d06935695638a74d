namespace NotificationActors.Policy.Slow;

/// <summary>The weights and costs of the utility and the exploration of the slow policy (docs/policy.md).</summary>
public sealed class SlowPolicyOptions
{
    /// <summary>Default <see cref="MessageCost"/>, in engaged days per message.</summary>
    public const double DefaultMessageCost = 0.06;

    /// <summary>Default <see cref="PushOptOutCost"/>: about <see cref="DefaultOptOutWorthWeeks"/> weeks of what push is worth to a casual viewer under the prior.</summary>
    public const double DefaultPushOptOutCost = 8;

    /// <summary>Default <see cref="EmailOptOutCost"/>.</summary>
    public const double DefaultEmailOptOutCost = 5;

    /// <summary>
    /// Default <see cref="OptOutWorthWeeks"/>: under the prior the average casual viewer's best plan is worth about 0.24
    /// engaged days a week more than their best without push (docs/experiments.md), so 33 weeks of it is
    /// <see cref="DefaultPushOptOutCost"/>; members whose channel is worth more pay more.
    /// </summary>
    public const double DefaultOptOutWorthWeeks = 33;

    /// <summary>Default <see cref="Epsilon"/>.</summary>
    public const double DefaultEpsilon = 0.1;

    /// <summary>Default <see cref="Temperature"/>.</summary>
    public const double DefaultTemperature = 0.05;

    /// <summary>
    /// The universal cost c charged for every message. Without it sparse negative feedback makes an extra
    /// message look free and the argmax drifts to the maximum frequency.
    /// </summary>
    public double MessageCost { get; set; } = DefaultMessageCost;

    /// <summary>Weight w_k per reward term name; a term the model emits but this map lacks weighs 1.</summary>
    public Dictionary<string, double> RewardWeights { get; init; } = new(StringComparer.Ordinal)
    {
        [ParametricRewardModel.EngagementTerm] = 1,
        [ParametricRewardModel.MessagePlaysTerm] = 0.25,
    };

    /// <summary>Utility lost when a member opts out of push (multiplies the predicted probability).</summary>
    public double PushOptOutCost { get; set; } = DefaultPushOptOutCost;

    /// <summary>Utility lost when a member unsubscribes from email.</summary>
    public double EmailOptOutCost { get; set; } = DefaultEmailOptOutCost;

    /// <summary>
    /// Weeks of a channel's worth to the member (by the built-in prior) that an opt-out of it costs when that is more than
    /// <see cref="PushOptOutCost"/> or <see cref="EmailOptOutCost"/>: the prices are floors, and a member whom messages move
    /// more, or who has no other channel to stand in for it, is risked less. 0 prices every member alike.
    /// </summary>
    public double OptOutWorthWeeks { get; set; } = DefaultOptOutWorthWeeks;

    /// <summary>How plans explore.</summary>
    public ExplorationMode Exploration { get; set; } = ExplorationMode.EpsilonGreedy;

    /// <summary>Share of plans drawn uniformly under <see cref="ExplorationMode.EpsilonGreedy"/>.</summary>
    public double Epsilon { get; set; } = DefaultEpsilon;

    /// <summary>Default <see cref="LocalPushRadius"/>.</summary>
    public const int DefaultLocalPushRadius = 2;

    /// <summary>
    /// Default <see cref="LocalEmailRadius"/>: one level, where pushes explore two. An email risks about twice a push's
    /// opt-outs, and two levels sent two emails to members whose plan had none (docs/experiments.md, "Exploration's price").
    /// </summary>
    public const int DefaultLocalEmailRadius = 1;

    /// <summary>Default <see cref="UniformExplorationMaxPush"/>: a push a day.</summary>
    public const int DefaultUniformExplorationMaxPush = 7;

    /// <summary>Default <see cref="UniformExplorationMaxEmail"/>: an email about every other day.</summary>
    public const int DefaultUniformExplorationMaxEmail = 3;

    /// <summary>Push levels either side of the argmax that <see cref="ExplorationMode.LocalEpsilonGreedy"/> draws from.</summary>
    public int LocalPushRadius { get; set; } = DefaultLocalPushRadius;

    /// <summary>Email levels either side of the argmax that <see cref="ExplorationMode.LocalEpsilonGreedy"/> draws from.</summary>
    public int LocalEmailRadius { get; set; } = DefaultLocalEmailRadius;

    /// <summary>
    /// Under <see cref="ExplorationMode.LocalEpsilonGreedy"/>, the share of explored weeks drawn uniformly from the feasible
    /// plans of the grid up to <see cref="UniformExplorationMaxPush"/> pushes and <see cref="UniformExplorationMaxEmail"/>
    /// emails rather than near the argmax. Local weeks learn the curve where plans are, but their actions follow the plan
    /// and so the member; uniform weeks are independent of the member, so a model fitted on them cannot mistake who was
    /// planned what for what the messages did.
    /// </summary>
    public double UniformExplorationShare { get; set; }

    /// <summary>
    /// The most pushes a week a uniform explored week sends. The grid's far corners (a dozen pushes) teach what no plan
    /// goes near at the price of opt-outs (docs/experiments.md, "Exploration's price").
    /// </summary>
    public int UniformExplorationMaxPush { get; set; } = DefaultUniformExplorationMaxPush;

    /// <summary>The most emails a week a uniform explored week sends (<see cref="UniformExplorationMaxPush"/>).</summary>
    public int UniformExplorationMaxEmail { get; set; } = DefaultUniformExplorationMaxEmail;

    /// <summary>Softmax temperature in utility units under <see cref="ExplorationMode.Softmax"/>.</summary>
    public double Temperature { get; set; } = DefaultTemperature;

    /// <summary>How the weekly in-app cap is set for the chosen push and email frequencies.</summary>
    public InAppOptions InApp { get; set; } = new();

    /// <summary>
    /// New options that value plans as these do (the message cost, or <paramref name="messageCost"/>, the opt-out prices
    /// and weeks of worth, the reward weights), exploring as <paramref name="exploration"/>, everything else at its
    /// default: for a planner that must price plans alike, so no pricing setting is left behind in a copy.
    /// </summary>
    public SlowPolicyOptions PricedAlike(double? messageCost = null, ExplorationMode exploration = ExplorationMode.EpsilonGreedy) => new()
    {
        MessageCost = messageCost ?? MessageCost,
        PushOptOutCost = PushOptOutCost,
        EmailOptOutCost = EmailOptOutCost,
        OptOutWorthWeeks = OptOutWorthWeeks,
        RewardWeights = RewardWeights,
        Exploration = exploration,
    };

    /// <summary>Throws naming the first setting out of range.</summary>
    public void Validate()
    {
        if (!(MessageCost >= 0) || double.IsInfinity(MessageCost))
            throw new ArgumentOutOfRangeException(nameof(MessageCost), MessageCost, "The message cost must be a finite non-negative number.");
        if (!(PushOptOutCost >= 0) || !(EmailOptOutCost >= 0))
            throw new ArgumentOutOfRangeException(nameof(PushOptOutCost), "Opt-out costs must be non-negative.");
        if (!(OptOutWorthWeeks >= 0) || double.IsInfinity(OptOutWorthWeeks))
            throw new ArgumentOutOfRangeException(nameof(OptOutWorthWeeks), OptOutWorthWeeks, "The weeks of a channel's worth an opt-out costs must be a finite non-negative number.");
        if (Epsilon is < 0 or > 1 || double.IsNaN(Epsilon))
            throw new ArgumentOutOfRangeException(nameof(Epsilon), Epsilon, "Epsilon must be in [0, 1].");
        if (UniformExplorationShare is < 0 or > 1 || double.IsNaN(UniformExplorationShare))
            throw new ArgumentOutOfRangeException(nameof(UniformExplorationShare), UniformExplorationShare, "The uniform share of exploration must be in [0, 1].");
        if (LocalPushRadius < 1)
            throw new ArgumentOutOfRangeException(nameof(LocalPushRadius), LocalPushRadius, "The local exploration radius of push must be at least one level.");
        if (LocalEmailRadius < 1)
            throw new ArgumentOutOfRangeException(nameof(LocalEmailRadius), LocalEmailRadius, "The local exploration radius of email must be at least one level.");
        if (UniformExplorationMaxPush < 0)
            throw new ArgumentOutOfRangeException(nameof(UniformExplorationMaxPush), UniformExplorationMaxPush, "The most pushes a uniform explored week sends must not be negative.");
        if (UniformExplorationMaxEmail < 0)
            throw new ArgumentOutOfRangeException(nameof(UniformExplorationMaxEmail), UniformExplorationMaxEmail, "The most emails a uniform explored week sends must not be negative.");
        if (!(Temperature > 0))
            throw new ArgumentOutOfRangeException(nameof(Temperature), Temperature, "The softmax temperature must be positive.");
        ArgumentNullException.ThrowIfNull(InApp, nameof(InApp));
        InApp.Validate();
        foreach (var (name, weight) in RewardWeights)
        {
            if (!double.IsFinite(weight))
                throw new ArgumentOutOfRangeException(nameof(RewardWeights), weight, $"The weight of reward term '{name}' must be finite.");
        }
    }
}
