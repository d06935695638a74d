using NotificationActors.Policy.Actions;

namespace NotificationActors.Policy.Slow;

/// <summary>
/// The transparent default reward model, so the system plans sensibly before any training:
/// <list type="bullet">
/// <item>engagement = base + H (1 - exp(-(a_p r_p push + a_e r_e email))), H a share of the member's idle days:
/// concave, saturating, largest for casual viewers;</item>
/// <item>messagePlays = plays per open x open rate x f / (1 + f / half), per channel: concave;</item>
/// <item>opt-out probability per channel = hazard x f (1 + f / curvature): convex, raised by dismissals, recent
/// exposure (in-app messages included), a short tenure, a recent opt-out of another channel and a lapse;</item>
/// <item>dismissals beyond the usual and a falling open rate lower every message's effect (<see cref="MemberSignals"/>).</item>
/// </list>
/// Concave rewards minus a linear message cost and a convex opt-out cost keep the utility concave in each
/// frequency (docs/policy.md).
/// </summary>
public sealed class ParametricRewardModel : IRewardModel
{
    /// <summary>The version recorded on plans made by this model.</summary>
    public const string DefaultVersion = "parametric-1";

    /// <summary>Name of the engaged-days reward term.</summary>
    public const string EngagementTerm = "engagement";

    /// <summary>Name of the attributed-plays reward term.</summary>
    public const string MessagePlaysTerm = "messagePlays";

    private const double MinResponsiveness = 0.25;
    private const double MaxResponsiveness = 4;

    private static readonly string[] Names = [EngagementTerm, MessagePlaysTerm];

    private readonly ParametricRewardModelOptions _options;

    /// <summary>A model with the given parameters (validated).</summary>
    public ParametricRewardModel(ParametricRewardModelOptions? options = null, string version = DefaultVersion)
    {
        _options = options ?? new ParametricRewardModelOptions();
        _options.Validate();
        Version = version;
        PredictsPriorRewards = _options.HasDefaultRewardCurves;
    }

    /// <inheritdoc />
    public string Version { get; }

    /// <inheritdoc />
    public bool PredictsPriorRewards { get; }

    /// <inheritdoc />
    public IReadOnlyList<string> RewardNames => Names;

    /// <inheritdoc />
    public void Predict(in MemberFeatures member, ActionGrid grid, Span<double> rewards, Span<double> optOutProbability)
    {
        var n = grid.Count;
        if (rewards.Length < Names.Length * n || optOutProbability.Length < 2 * n)
        {
            throw new ArgumentException($"Output spans are too short for a grid of {n} actions.");
        }

        var o = _options;
        var pushLevels = grid.PushLevels;
        var emailLevels = grid.EmailLevels;
        Span<double> pushDecay = stackalloc double[pushLevels.Length];
        Span<double> pushPlays = stackalloc double[pushLevels.Length];
        Span<double> pushOptOut = stackalloc double[pushLevels.Length];
        Span<double> emailDecay = stackalloc double[emailLevels.Length];
        Span<double> emailPlays = stackalloc double[emailLevels.Length];
        Span<double> emailOptOut = stackalloc double[emailLevels.Length];

        // Dismissals and falling opens make every message do less; an opt-out elsewhere and a lapse make each riskier.
        var receptiveness = MemberSignals.Receptiveness(member);
        var pushRate = o.PushEffect * Responsiveness(member.PushOpenRate, o.ReferencePushOpenRate) * receptiveness;
        var emailRate = o.EmailEffect * Responsiveness(member.EmailOpenRate, o.ReferenceEmailOpenRate) * receptiveness;
        var memberRisk = (1 + (o.DismissMultiplier * member.DismissRate))
            * (1 + (o.NewMemberMultiplier * Math.Exp(-member.TenureWeeks / o.NewMemberWeeks)))
            * MemberSignals.OptOutRisk(member, o.OptOutElsewhereMultiplier, o.LapseMultiplier);
        var inAppExposure = o.InAppFatigueWeight * member.RecentInAppPerWeek;
        var pushHazard = o.PushOptOutHazard * memberRisk * (1 + ((member.RecentPushPerWeek + inAppExposure) / o.OptOutCurvature));
        var emailHazard = o.EmailOptOutHazard * memberRisk * (1 + ((member.RecentEmailPerWeek + inAppExposure) / o.OptOutCurvature));

        // exp(-(a+b)) = exp(-a) exp(-b): one exponential per level instead of one per action.
        FillChannel(pushLevels, pushRate, o.PlaysPerOpen * member.PushOpenRate, pushHazard, pushDecay, pushPlays, pushOptOut);
        FillChannel(emailLevels, emailRate, o.PlaysPerOpen * member.EmailOpenRate, emailHazard, emailDecay, emailPlays, emailOptOut);

        var baseDays = member.EngagedDaysPerWeek;
        var headroom = o.HeadroomShare * (7 - baseDays);
        var engagement = rewards[..n];
        var plays = rewards.Slice(n, n);
        var pushOut = optOutProbability[..n];
        var emailOut = optOutProbability.Slice(n, n);
        var index = 0;
        for (var p = 0; p < pushLevels.Length; p++)
        {
            var pd = pushDecay[p];
            var pp = pushPlays[p];
            var po = pushOptOut[p];
            for (var e = 0; e < emailLevels.Length; e++, index++)
            {
                engagement[index] = baseDays + (headroom * (1 - (pd * emailDecay[e])));
                plays[index] = pp + emailPlays[e];
                pushOut[index] = po;
                emailOut[index] = emailOptOut[e];
            }
        }

        void FillChannel(ReadOnlySpan<int> levels, double rate, double playsPerMessage, double hazard, Span<double> decay, Span<double> attributedPlays, Span<double> optOut)
        {
            for (var i = 0; i < levels.Length; i++)
            {
                double f = levels[i];
                decay[i] = Math.Exp(-rate * f);
                attributedPlays[i] = playsPerMessage * f / (1 + (f / o.PlaysHalfSaturation));
                optOut[i] = Math.Min(1, hazard * f * (1 + (f / o.OptOutCurvature)));
            }
        }
    }

    // Shrunk toward the population: an unknown member (open rate 0) counts as half as responsive, not zero.
    private static double Responsiveness(double openRate, double reference) =>
        Math.Clamp((openRate + reference) / (2 * reference), MinResponsiveness, MaxResponsiveness);
}
