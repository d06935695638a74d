using NotificationActors.Policy.Actions;

namespace NotificationActors.Policy.Slow;

/// <summary>
/// A reward model whose opt-out probabilities are multiplied per channel (capped at 1): the population's opt-outs
/// against the model's own predictions set the level, the model keeps the shape over frequencies and members.
/// </summary>
public sealed class OptOutScaledModel : IRewardModel
{
    /// <summary>Opt-outs' worth of belief in the model's own level: a handful of opt-outs move it a little, hundreds all the way.</summary>
    public const double PseudoOptOuts = 3;

    /// <summary>The bounds of a scale: the model's shape over frequencies is kept, only its level moves.</summary>
    public const double MinScale = 0.05;

    /// <inheritdoc cref="MinScale"/>
    public const double MaxScale = 20;

    private readonly IRewardModel _model;

    /// <summary>The model's opt-out predictions scaled by <paramref name="push"/> and <paramref name="email"/>.</summary>
    public OptOutScaledModel(IRewardModel model, double push, double email)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!(push >= 0) || !(email >= 0) || double.IsInfinity(push) || double.IsInfinity(email))
        {
            throw new ArgumentOutOfRangeException(nameof(push), "Opt-out scales must be finite and non-negative.");
        }

        _model = model;
        (Push, Email) = (push, email);
    }

    /// <summary>A channel's scale from the opt-outs observed against those predicted, shrunk toward 1 by <see cref="PseudoOptOuts"/>.</summary>
    public static double ScaleFrom(double observed, double predicted) => Math.Clamp((observed + PseudoOptOuts) / (predicted + PseudoOptOuts), MinScale, MaxScale);

    /// <summary>The push scale.</summary>
    public double Push { get; }

    /// <summary>The email scale.</summary>
    public double Email { get; }

    /// <inheritdoc />
    public string Version => _model.Version;

    /// <inheritdoc />
    public string OptOutLineage => _model.OptOutLineage;

    /// <inheritdoc />
    public bool PredictsPriorRewards => _model.PredictsPriorRewards;

    /// <inheritdoc />
    public IReadOnlyList<string> RewardNames => _model.RewardNames;

    /// <inheritdoc />
    public void Predict(in MemberFeatures member, ActionGrid grid, Span<double> rewards, Span<double> optOutProbability)
    {
        _model.Predict(member, grid, rewards, optOutProbability);
        var n = grid.Count;
        Scale(optOutProbability[..n], Push);
        Scale(optOutProbability.Slice(n, n), Email);
    }

    /// <inheritdoc />
    public PlanAnchor Anchor(in MemberFeatures member, ActionGrid grid, ChannelSet optedIn) => _model.Anchor(member, grid, optedIn);

    /// <summary>The wrapped model's: the scale prices opt-outs only.</summary>
    public bool InAppGains(in MemberFeatures member, PacingAction action, Span<double> gains) => _model.InAppGains(member, action, gains);

    private static void Scale(Span<double> probability, double scale)
    {
        for (var i = 0; i < probability.Length; i++)
        {
            probability[i] = Math.Min(1, probability[i] * scale);
        }
    }
}
