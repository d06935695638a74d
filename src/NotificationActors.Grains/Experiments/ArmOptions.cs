using NotificationActors.Policy.Pacing;
using NotificationActors.Policy.Slow;

namespace NotificationActors.Grains.Experiments;

/// <summary>One experiment arm: its share of members and the policy it runs.</summary>
public sealed class ArmOptions
{
    /// <summary>Default <see cref="BaselineThreshold"/>.</summary>
    public const double DefaultBaselineThreshold = 0.6;

    /// <summary>Default <see cref="FixedInApp"/>.</summary>
    public const int DefaultFixedInApp = 2;

    /// <summary>The arm's name, recorded with every plan and decision.</summary>
    public string Name { get; set; } = "hierarchical";

    /// <summary>Share of members, by a stable hash of the member id; the shares of all arms add up to 1.</summary>
    public double Share { get; set; } = 1;

    /// <summary>The decision system.</summary>
    public ArmPolicy Policy { get; set; } = ArmPolicy.Hierarchical;

    /// <summary>The universal message cost for this arm; the slow policy's default when unset.</summary>
    public double? MessageCost { get; set; }

    /// <summary>The message cost the arm plans with: <see cref="MessageCost"/>, or the slow policy's default.</summary>
    public double MessageCostOrDefault => MessageCost ?? SlowPolicyOptions.DefaultMessageCost;

    /// <summary>
    /// The least an opt-out of push costs in this arm's utility, in engaged days (<see cref="SlowPolicyOptions.PushOptOutCost"/>):
    /// a business's estimate of what losing a member's push channel costs it. The slow policy's default when unset.
    /// </summary>
    public double? PushOptOutCost { get; set; }

    /// <summary>The least an opt-out of email costs (<see cref="SlowPolicyOptions.EmailOptOutCost"/>); the default when unset.</summary>
    public double? EmailOptOutCost { get; set; }

    /// <summary>
    /// Weeks of what a channel is worth to the member that losing it costs, where that is more than the least price
    /// (<see cref="SlowPolicyOptions.OptOutWorthWeeks"/>; 0 prices every member at the least price); the default when unset.
    /// </summary>
    public double? OptOutWorthWeeks { get; set; }

    /// <summary>
    /// What the arm's utility charges: its message cost (or <paramref name="messageCost"/>, a version's own) and its
    /// opt-out prices. Its plans, the trials of the versions it serves and their tuning all price with these.
    /// </summary>
    public SlowPolicyOptions Pricing(double? messageCost = null) => new()
    {
        MessageCost = messageCost ?? MessageCostOrDefault,
        PushOptOutCost = PushOptOutCost ?? SlowPolicyOptions.DefaultPushOptOutCost,
        EmailOptOutCost = EmailOptOutCost ?? SlowPolicyOptions.DefaultEmailOptOutCost,
        OptOutWorthWeeks = OptOutWorthWeeks ?? SlowPolicyOptions.DefaultOptOutWorthWeeks,
    };

    /// <summary>Weekly pushes under <see cref="ArmPolicy.Fixed"/>.</summary>
    public int FixedPush { get; set; } = 3;

    /// <summary>Weekly emails under <see cref="ArmPolicy.Fixed"/>.</summary>
    public int FixedEmail { get; set; } = 1;

    /// <summary>Weekly in-app messages under <see cref="ArmPolicy.Fixed"/>.</summary>
    public int FixedInApp { get; set; } = DefaultFixedInApp;

    /// <summary>The global score threshold under <see cref="ArmPolicy.Baseline"/>.</summary>
    public double BaselineThreshold { get; set; } = DefaultBaselineThreshold;

    /// <summary>How the plan's budget is spread over the week.</summary>
    public PacingProfile Pacing { get; set; } = PacingProfile.RelevanceWeighted;
}
