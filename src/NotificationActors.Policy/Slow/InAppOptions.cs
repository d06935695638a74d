using NotificationActors.Policy.Actions;

namespace NotificationActors.Policy.Slow;

/// <summary>
/// How the slow policy sets the weekly in-app cap (docs/policy.md): the push x email grid stays the plan's action
/// space, and for the chosen action the cap is the in-app count that maximises a concave in-app utility, the
/// engagement left to win after push and email (scaled by the member's in-app open rate, saturating), less the universal
/// message cost per message, less the opt-out risk in-app messages add to push and email (each counts as
/// <see cref="FatigueWeight"/> of a message on those channels).
/// </summary>
public sealed class InAppOptions
{
    /// <summary>Default <see cref="MaxPerWeek"/>: at most one a day.</summary>
    public const int DefaultMaxPerWeek = 7;

    /// <summary>
    /// Default <see cref="Effect"/>: an opened in-app message is assumed to lift a member as an opened push does (the
    /// prior's push effect of 0.12 at its 0.08 reference open rate is 1.5 per open, 0.3 at in-app's 0.2), shaded by a third
    /// because the member it reaches is already in the app that day. A member whose in-app messages go unopened (unseen,
    /// or unwanted) lowers not it but how much the curve can win, in proportion to their own open rate.
    /// </summary>
    public const double DefaultEffect = 0.2;

    /// <summary>Default <see cref="ReferenceOpenRate"/>.</summary>
    public const double DefaultReferenceOpenRate = 0.2;

    /// <summary>
    /// Default <see cref="HeadroomShare"/>: twice the parametric prior's push and email share. In-app messages show inside
    /// a visit the member chose, without a buzz, so more of the idle days left after push and email are theirs to win.
    /// With the prior's share (0.25) the cap planned heavy viewers under 0.1 in-app messages a week where the simulator's
    /// oracle showed them two; at 0.5 the hierarchical arm did better in three of the simulator's worlds and in the
    /// field trial's, and worse in one where in-app messages nag (docs/experiments.md). It is the prior's: a trained
    /// version sets its caps from the in-app curve it learned (<see cref="IRewardModel.InAppGains"/>).
    /// </summary>
    public const double DefaultHeadroomShare = 2 * ParametricRewardModelOptions.DefaultHeadroomShare;

    /// <summary>Default <see cref="FatigueWeight"/>: an in-app message tires about half as much as a push.</summary>
    public const double DefaultFatigueWeight = 0.5;

    /// <summary>Highest weekly in-app cap.</summary>
    public int MaxPerWeek { get; set; } = DefaultMaxPerWeek;

    /// <summary>Saturation rate per in-app message.</summary>
    public double Effect { get; set; } = DefaultEffect;

    /// <summary>
    /// Typical in-app open rate; a member's in-app responsiveness, which scales what in-app messages can win for them, is
    /// their open rate over it.
    /// </summary>
    public double ReferenceOpenRate { get; set; } = DefaultReferenceOpenRate;

    /// <summary>Share of the idle days left after push and email that in-app messages can win back at saturation.</summary>
    public double HeadroomShare { get; set; } = DefaultHeadroomShare;

    /// <summary>Push or email messages' worth of fatigue, and so of opt-out risk, one in-app message adds.</summary>
    public double FatigueWeight { get; set; } = DefaultFatigueWeight;

    /// <summary>Throws naming the first setting out of range.</summary>
    public void Validate()
    {
        if (MaxPerWeek is < 0 or > ActionGrid.MaxLevelsPerChannel)
            throw new ArgumentOutOfRangeException(nameof(MaxPerWeek), MaxPerWeek, $"{nameof(InAppOptions)}.{nameof(MaxPerWeek)} must be in [0, {ActionGrid.MaxLevelsPerChannel}].");
        if (!(Effect >= 0) || double.IsInfinity(Effect))
            throw new ArgumentOutOfRangeException(nameof(Effect), Effect, $"{nameof(InAppOptions)}.{nameof(Effect)} must be finite and non-negative.");
        if (!(ReferenceOpenRate > 0 && ReferenceOpenRate <= 1))
            throw new ArgumentOutOfRangeException(nameof(ReferenceOpenRate), ReferenceOpenRate, $"{nameof(InAppOptions)}.{nameof(ReferenceOpenRate)} must be in (0, 1].");
        if (HeadroomShare is < 0 or > 1 || double.IsNaN(HeadroomShare))
            throw new ArgumentOutOfRangeException(nameof(HeadroomShare), HeadroomShare, $"{nameof(InAppOptions)}.{nameof(HeadroomShare)} must be in [0, 1].");
        if (!(FatigueWeight >= 0) || double.IsInfinity(FatigueWeight))
            throw new ArgumentOutOfRangeException(nameof(FatigueWeight), FatigueWeight, $"{nameof(InAppOptions)}.{nameof(FatigueWeight)} must be finite and non-negative.");
    }
}
