using NotificationActors.Learning.Artefacts;
using NotificationActors.Policy.Actions;
using NotificationActors.Policy.Slow;

namespace NotificationActors.Learning.Training;

/// <summary>How <see cref="RewardModelTrainer"/> fits the reward and opt-out models.</summary>
public sealed class RewardTrainingOptions
{
    /// <summary>Default share of members held out for validation metrics.</summary>
    public const double DefaultValidationShare = 0.2;

    /// <summary>Default fewest explored (randomised) weeks the reward models accept.</summary>
    public const int DefaultMinExploredWeeks = 200;

    /// <summary>Default fewest opt-outs per channel the opt-out models accept.</summary>
    public const int DefaultMinOptOuts = 10;

    /// <summary>Default fewest logged sends the fast policy's ranker is trained on.</summary>
    public const int DefaultMinBanditSends = 200;

    /// <summary>Default LinUCB exploration weight.</summary>
    public const double DefaultBanditAlpha = 0.5;

    /// <summary>Default L2 regularisation of the reward models.</summary>
    public const float DefaultL2 = 1e-3f;

    /// <summary>
    /// Default L2 regularisation of the opt-out models, on their summed log loss. Opt-outs are rare (hundreds in a
    /// window of 160,000 planned weeks), so with next to no penalty the loss is flat along many weight directions:
    /// fits stopped wherever L-BFGS's tolerance met them (a fit started from last week's weights landed a mean 0.24
    /// logits away from one started at zero) and over-fitted. On the 100,000-member experiment's log, held-out log
    /// loss was lowest between 0.3 and 1 for both channels. At 1 the member-by-frequency terms shrank so far that the
    /// experiment's learned versions sent pushes to the members they tired (15.7% of the arm opted out over 26 weeks
    /// against 8.7% at 0.3); at 0.3 fits from a warm start and from zero agree to 0.04 logits on average.
    /// </summary>
    public const float DefaultOptOutL2 = 0.3f;

    /// <summary>
    /// Default <see cref="PropensityWeightExponent"/>. The product explores 10% of weeks, 30% of them uniformly over the
    /// grid's 98 plans and the rest within two levels of the plan, so a uniform week far from the plan is about ten times
    /// less likely than a local one. Weighted by 1 / propensity, the uniform weeks off the plan (a fifth of the explored
    /// weeks) carried three quarters of the fit's weight and its effective sample was two fifths of the explored weeks:
    /// the curves were fitted best at high frequencies no plan goes near. At 0.5 they carry under half, and the effective
    /// sample is three quarters (docs/learning.md has what it did to the versions).
    /// </summary>
    public const double DefaultPropensityWeightExponent = 0.5;

    /// <summary>Share of members (by id hash) held out for the validation metrics, in [0, 0.5].</summary>
    public double ValidationShare { get; set; } = DefaultValidationShare;

    /// <summary>
    /// Fewest explored weeks to fit the reward models on: only randomised weeks show the causal effect of a
    /// frequency, and too few of them give a curve that is noise.
    /// </summary>
    public int MinExploredWeeks { get; set; } = DefaultMinExploredWeeks;

    /// <summary>Fewest opt-outs per channel: explicit negative feedback is sparse, and a model of ten events is a guess.</summary>
    public int MinOptOuts { get; set; } = DefaultMinOptOuts;

    /// <summary>L2 regularisation of the reward models (ridge).</summary>
    public float L2 { get; set; } = DefaultL2;

    /// <summary>
    /// Penalties on how far the member traits bend the population's reward curve (standardised ridge weights); training
    /// keeps the one with the least held-out error, the stronger on a tie. The reach is wide because the right pooling depends on
    /// the window: a few hundred explored weeks support little more than the population's curve, a hundred thousand
    /// support a curve per member.
    /// </summary>
    public double[] PoolingPenalties { get; init; } = [1e-3, 1e-2, 0.03, 0.1, 0.3, 1, 3];

    /// <summary>
    /// How far the reward fits re-weight the explored weeks toward uniform exploration, in [0, 1]: each counts
    /// (1 / propensity) to this power. At 1 the actions are spread alike for every member, as if all exploration were
    /// uniform, which removes who was planned what from the fit at the price of resting it on the rare far actions; at
    /// 0 every explored week counts alike, the fit resting where exploration put the actions, near the plans.
    /// </summary>
    public double PropensityWeightExponent { get; set; } = DefaultPropensityWeightExponent;

    /// <summary>
    /// Whether the engaged-day heads lean on the week's opens and plays (fitted first, on the same weeks) for how each
    /// member's curve differs from the population's: far less noisy than engaged days, and calibrated to them on the
    /// randomised weeks. Off (the default) fits engaged days alone: in the simulator and on the synthetic log the
    /// surrogate changed neither the plans' share of the achievable gain nor the live trials beyond their noise.
    /// </summary>
    public bool Surrogates { get; set; }

    /// <summary>
    /// The message costs a version's cost is tuned among (<see cref="ModelCard.MessageCost"/>): from 0, where the
    /// version's modelled fatigue and opt-outs alone price a message, to past the prior's 0.06.
    /// </summary>
    public double[] MessageCosts { get; init; } = [0, 0.02, 0.04, 0.06, 0.1];

    /// <summary>L2 regularisation of the opt-out models (L-BFGS logistic regression).</summary>
    public float OptOutL2 { get; set; } = DefaultOptOutL2;

    /// <summary>Fewest logged sends (with their inputs and outcome) to train the fast policy's ranker; fewer leave it untrained.</summary>
    public int MinBanditSends { get; set; } = DefaultMinBanditSends;

    /// <summary>LinUCB's exploration weight alpha: how much an uncertain score is raised.</summary>
    public double BanditAlpha { get; set; } = DefaultBanditAlpha;

    /// <summary>The ranker's ridge lambda, in sends' worth of prior at zero.</summary>
    public double BanditRidge { get; set; } = 1;

    /// <summary>Default <see cref="CausalRidge"/>.</summary>
    public const double DefaultCausalRidge = 100;

    /// <summary>
    /// The causal ranker's ridge, in weighted decisions: its effect weights for an intent or a member the coins rarely
    /// tossed for stay near zero rather than fitting a handful of noisy days.
    /// </summary>
    public double CausalRidge { get; set; } = DefaultCausalRidge;

    /// <summary>Seed of the trainers, so a training run is reproducible.</summary>
    public int Seed { get; set; } = 1;

    /// <summary>
    /// Threads the opt-out trainers use; null lets them use every core. L-BFGS's parallel gradient sums land in
    /// whatever order the threads run, so only one thread gives the same weights run after run.
    /// </summary>
    public int? Threads { get; set; }

    /// <summary>
    /// The independent fits (four model heads and the ranker) run at once: by default one per core. Each fit has its
    /// own seeded context, so the models are the same whatever this is.
    /// </summary>
    public int ParallelFits { get; set; } = Environment.ProcessorCount;

    /// <summary>The action grid and utility the concavity check evaluates the trained models under.</summary>
    public ActionGrid Grid { get; set; } = ActionGrid.Default;

    /// <summary>The utility's weights and costs for the concavity check.</summary>
    public SlowPolicyOptions Policy { get; set; } = new();

    /// <summary>A copy whose <see cref="Policy"/> charges <paramref name="pricing"/>'s message cost and opt-out prices.</summary>
    public RewardTrainingOptions PricedAs(SlowPolicyOptions pricing)
    {
        ArgumentNullException.ThrowIfNull(pricing);
        var copy = (RewardTrainingOptions)MemberwiseClone();
        copy.Policy = pricing.PricedAlike();
        return copy;
    }

    /// <summary>Throws naming the first setting out of range.</summary>
    public void Validate()
    {
        if (ValidationShare is < 0 or > 0.5 || double.IsNaN(ValidationShare))
            throw new ArgumentOutOfRangeException(nameof(ValidationShare), ValidationShare, "The validation share must be in [0, 0.5].");
        if (PropensityWeightExponent is < 0 or > 1 || double.IsNaN(PropensityWeightExponent))
            throw new ArgumentOutOfRangeException(nameof(PropensityWeightExponent), PropensityWeightExponent, "The propensity weight exponent must be in [0, 1].");
        if (MinExploredWeeks < 1) throw new ArgumentOutOfRangeException(nameof(MinExploredWeeks), MinExploredWeeks, "At least one explored week is needed.");
        if (MinOptOuts < 1) throw new ArgumentOutOfRangeException(nameof(MinOptOuts), MinOptOuts, "At least one opt-out per channel is needed.");
        if (MinBanditSends < 1) throw new ArgumentOutOfRangeException(nameof(MinBanditSends), MinBanditSends, "At least one send is needed.");
        if (!(BanditAlpha >= 0) || double.IsInfinity(BanditAlpha)) throw new ArgumentOutOfRangeException(nameof(BanditAlpha), BanditAlpha, "The exploration weight must be finite and non-negative.");
        if (!(BanditRidge > 0) || double.IsInfinity(BanditRidge)) throw new ArgumentOutOfRangeException(nameof(BanditRidge), BanditRidge, "The ridge must be finite and positive.");
        if (!(CausalRidge > 0) || double.IsInfinity(CausalRidge)) throw new ArgumentOutOfRangeException(nameof(CausalRidge), CausalRidge, "The causal ranker's ridge must be finite and positive.");
        if (!(L2 >= 0) || float.IsInfinity(L2)) throw new ArgumentOutOfRangeException(nameof(L2), L2, "L2 regularisation must be finite and non-negative.");
        if (!(OptOutL2 >= 0) || float.IsInfinity(OptOutL2)) throw new ArgumentOutOfRangeException(nameof(OptOutL2), OptOutL2, "L2 regularisation must be finite and non-negative.");
        if (PoolingPenalties is null || PoolingPenalties.Length == 0 || PoolingPenalties.Any(p => !(p >= 0) || double.IsInfinity(p)))
            throw new ArgumentOutOfRangeException(nameof(PoolingPenalties), "Give at least one pooling penalty, each finite and non-negative.");
        if (MessageCosts is null || MessageCosts.Length == 0 || MessageCosts.Any(c => !(c >= 0) || double.IsInfinity(c)))
            throw new ArgumentOutOfRangeException(nameof(MessageCosts), "Give at least one message cost, each finite and non-negative.");
        if (ParallelFits < 1) throw new ArgumentOutOfRangeException(nameof(ParallelFits), ParallelFits, "Run at least one fit at a time.");
        if (Threads is < 1) throw new ArgumentOutOfRangeException(nameof(Threads), Threads, "Use at least one thread, or null for every core.");
        ArgumentNullException.ThrowIfNull(Grid);
        ArgumentNullException.ThrowIfNull(Policy);
        Policy.Validate();
    }
}
