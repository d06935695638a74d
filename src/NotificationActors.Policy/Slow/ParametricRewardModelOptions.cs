namespace NotificationActors.Policy.Slow;

/// <summary>
/// Parameters of <see cref="ParametricRewardModel"/>. Defaults are set so that, with the default message
/// cost, casual viewers get several messages a week and heavy viewers almost none: the shape the seed
/// result reports (gains are largest for casual viewers).
/// </summary>
public sealed class ParametricRewardModelOptions
{
    /// <summary>Default <see cref="HeadroomShare"/>.</summary>
    public const double DefaultHeadroomShare = 0.25;

    /// <summary>Default <see cref="PushEffect"/>.</summary>
    public const double DefaultPushEffect = 0.12;

    /// <summary>Default <see cref="EmailEffect"/>.</summary>
    public const double DefaultEmailEffect = 0.09;

    /// <summary>Default <see cref="ReferencePushOpenRate"/>.</summary>
    public const double DefaultReferencePushOpenRate = 0.08;

    /// <summary>Default <see cref="ReferenceEmailOpenRate"/>.</summary>
    public const double DefaultReferenceEmailOpenRate = 0.15;

    /// <summary>Default <see cref="PlaysPerOpen"/>.</summary>
    public const double DefaultPlaysPerOpen = 0.4;

    /// <summary>Default <see cref="PlaysHalfSaturation"/>.</summary>
    public const double DefaultPlaysHalfSaturation = 4;

    /// <summary>Default <see cref="PushOptOutHazard"/>.</summary>
    public const double DefaultPushOptOutHazard = 0.0006;

    /// <summary>Default <see cref="EmailOptOutHazard"/>.</summary>
    public const double DefaultEmailOptOutHazard = 0.0010;

    /// <summary>Default <see cref="OptOutCurvature"/>.</summary>
    public const double DefaultOptOutCurvature = 6;

    /// <summary>Default <see cref="DismissMultiplier"/>.</summary>
    public const double DefaultDismissMultiplier = 4;

    /// <summary>Default <see cref="NewMemberMultiplier"/>.</summary>
    public const double DefaultNewMemberMultiplier = 1;

    /// <summary>Default <see cref="NewMemberWeeks"/>.</summary>
    public const double DefaultNewMemberWeeks = 8;

    /// <summary>Default <see cref="OptOutElsewhereMultiplier"/>: a member who just closed one channel is several times likelier to close another.</summary>
    public const double DefaultOptOutElsewhereMultiplier = 3;

    /// <summary>Default <see cref="LapseMultiplier"/>.</summary>
    public const double DefaultLapseMultiplier = 0.5;

    /// <summary>Default <see cref="InAppFatigueWeight"/>.</summary>
    public const double DefaultInAppFatigueWeight = InAppOptions.DefaultFatigueWeight;

    /// <summary>Share of a member's non-engaged days (7 - base) that messages can win back at saturation.</summary>
    public double HeadroomShare { get; set; } = DefaultHeadroomShare;

    /// <summary>Saturation rate per push at reference responsiveness.</summary>
    public double PushEffect { get; set; } = DefaultPushEffect;

    /// <summary>Saturation rate per email at reference responsiveness.</summary>
    public double EmailEffect { get; set; } = DefaultEmailEffect;

    /// <summary>Population push open rate; a member's responsiveness is relative to it.</summary>
    public double ReferencePushOpenRate { get; set; } = DefaultReferencePushOpenRate;

    /// <summary>Population email open rate.</summary>
    public double ReferenceEmailOpenRate { get; set; } = DefaultReferenceEmailOpenRate;

    /// <summary>Plays attributed to a message per open.</summary>
    public double PlaysPerOpen { get; set; } = DefaultPlaysPerOpen;

    /// <summary>Frequency at which attributed plays per message have halved (repetition wears out).</summary>
    public double PlaysHalfSaturation { get; set; } = DefaultPlaysHalfSaturation;

    /// <summary>Weekly push opt-out probability per push for a rested, tenured member.</summary>
    public double PushOptOutHazard { get; set; } = DefaultPushOptOutHazard;

    /// <summary>Weekly email unsubscribe probability per email for a rested, tenured member.</summary>
    public double EmailOptOutHazard { get; set; } = DefaultEmailOptOutHazard;

    /// <summary>Frequency at which the per-message opt-out hazard has doubled (fatigue compounds).</summary>
    public double OptOutCurvature { get; set; } = DefaultOptOutCurvature;

    /// <summary>How much a dismiss rate of 1 multiplies the opt-out hazard (on top of 1).</summary>
    public double DismissMultiplier { get; set; } = DefaultDismissMultiplier;

    /// <summary>Extra opt-out hazard of a brand-new member (on top of 1), decaying with tenure.</summary>
    public double NewMemberMultiplier { get; set; } = DefaultNewMemberMultiplier;

    /// <summary>Tenure scale over which the new-member hazard decays.</summary>
    public double NewMemberWeeks { get; set; } = DefaultNewMemberWeeks;

    /// <summary>How much a recent opt-out of another channel (<see cref="MemberFeatures.RecentOptOut"/> of 1) multiplies the opt-out hazard (on top of 1).</summary>
    public double OptOutElsewhereMultiplier { get; set; } = DefaultOptOutElsewhereMultiplier;

    /// <summary>How much four weeks without activity multiply the opt-out hazard (on top of 1).</summary>
    public double LapseMultiplier { get; set; } = DefaultLapseMultiplier;

    /// <summary>Pushes' or emails' worth of exposure one recent in-app message adds to each channel's opt-out hazard.</summary>
    public double InAppFatigueWeight { get; set; } = DefaultInAppFatigueWeight;

    /// <summary>Whether every parameter of the engagement and plays curves is its default; the opt-out parameters may differ.</summary>
    public bool HasDefaultRewardCurves =>
        HeadroomShare == DefaultHeadroomShare && PushEffect == DefaultPushEffect && EmailEffect == DefaultEmailEffect
        && ReferencePushOpenRate == DefaultReferencePushOpenRate && ReferenceEmailOpenRate == DefaultReferenceEmailOpenRate
        && PlaysPerOpen == DefaultPlaysPerOpen && PlaysHalfSaturation == DefaultPlaysHalfSaturation;

    /// <summary>A copy with each channel's opt-out hazard multiplied: the prior calibrated to a population's opt-outs.</summary>
    public ParametricRewardModelOptions WithOptOutScale(double push, double email)
    {
        var scaled = (ParametricRewardModelOptions)MemberwiseClone();
        scaled.PushOptOutHazard *= push;
        scaled.EmailOptOutHazard *= email;
        return scaled;
    }

    /// <summary>Throws naming the first parameter out of range.</summary>
    public void Validate()
    {
        Require(HeadroomShare is >= 0 and <= 1, nameof(HeadroomShare), "in [0, 1]");
        Require(PushEffect >= 0, nameof(PushEffect), "non-negative");
        Require(EmailEffect >= 0, nameof(EmailEffect), "non-negative");
        Require(ReferencePushOpenRate > 0, nameof(ReferencePushOpenRate), "positive");
        Require(ReferenceEmailOpenRate > 0, nameof(ReferenceEmailOpenRate), "positive");
        Require(PlaysPerOpen >= 0, nameof(PlaysPerOpen), "non-negative");
        Require(PlaysHalfSaturation > 0, nameof(PlaysHalfSaturation), "positive");
        Require(PushOptOutHazard >= 0, nameof(PushOptOutHazard), "non-negative");
        Require(EmailOptOutHazard >= 0, nameof(EmailOptOutHazard), "non-negative");
        Require(OptOutCurvature > 0, nameof(OptOutCurvature), "positive");
        Require(DismissMultiplier >= 0, nameof(DismissMultiplier), "non-negative");
        Require(NewMemberMultiplier >= 0, nameof(NewMemberMultiplier), "non-negative");
        Require(NewMemberWeeks > 0, nameof(NewMemberWeeks), "positive");
        Require(OptOutElsewhereMultiplier >= 0, nameof(OptOutElsewhereMultiplier), "non-negative");
        Require(LapseMultiplier >= 0, nameof(LapseMultiplier), "non-negative");
        Require(InAppFatigueWeight >= 0, nameof(InAppFatigueWeight), "non-negative");
    }

    private static void Require(bool condition, string name, string what)
    {
        if (!condition)
        {
            throw new ArgumentOutOfRangeException(name, $"{nameof(ParametricRewardModelOptions)}.{name} must be {what}.");
        }
    }
}
