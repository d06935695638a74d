using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using NotificationActors.Grains.Calibration;
using NotificationActors.Grains.Experiments;
using NotificationActors.Grains.Members;
using NotificationActors.Policy.Actions;
using NotificationActors.Policy.Baseline;
using NotificationActors.Policy.Fast;
using NotificationActors.Policy.Slow;

namespace NotificationActors.Grains.Policies;

/// <summary>
/// The policies every member grain of a silo shares, built once from the options: the action grid, per pacing arm its
/// slow policy (with the arm's message cost) or its baseline threshold, and per ranking arm its fast policy. A new model
/// version can be served while the silo runs (<see cref="Serve"/>); plans made before keep the version they record.
/// </summary>
public sealed class PolicyEngine
{
    // Slow policies kept per arm and opt-out scale; a few weeks' worth for every arm.
    private const int MaxScaledPolicies = 64;

    private readonly MemberGrainOptions _options;
    private readonly List<(ArmOptions Arm, double UpTo)> _allocation;
    private readonly List<(RankingArmOptions Arm, double UpTo)> _rankingAllocation;
    private readonly HashSet<string> _causalArms;
    private readonly Dictionary<string, ThresholdPolicy> _baseline = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ArmOptions> _arms = new(StringComparer.Ordinal);

    // Swapped whole, so a plan never mixes two versions' models.
    private volatile Served _served;

    /// <summary>Policies for the configured arms, planning with the silo's reward model and ranking with its candidate scorer.</summary>
    public PolicyEngine(IOptions<MemberGrainOptions> options, IRewardModel model, ICandidateScorer scorer, PopulationPriors priors, IPlanOracle? oracle = null)
        : this(options.Value, model, scorer, priors, oracle)
    {
    }

    /// <summary>Policies for the configured arms, planning with <paramref name="model"/> and ranking with <paramref name="scorer"/> (relevance by default).</summary>
    /// <exception cref="ArgumentException">The options are invalid, or an oracle arm has no <paramref name="oracle"/>.</exception>
    public PolicyEngine(MemberGrainOptions options, IRewardModel model, ICandidateScorer? scorer = null, PopulationPriors? priors = null, IPlanOracle? oracle = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Problem() is { } problem)
        {
            throw new ArgumentException($"Invalid {nameof(MemberGrainOptions)}: {problem}", nameof(options));
        }

        if (oracle is null && options.Arms.FirstOrDefault(a => a.Policy == ArmPolicy.Oracle) is { } oracleArm)
        {
            throw new ArgumentException($"Arm '{oracleArm.Name}' runs the oracle policy, but no {nameof(IPlanOracle)} is registered; only an experiment that knows the truth has one.", nameof(oracle));
        }

        _options = options;
        Oracle = oracle;
        Grid = ActionGrid.Default;
        _allocation = Allocation(options.Arms, a => a.Share);
        _rankingAllocation = Allocation(options.Rankings, a => a.Share);
        _causalArms = [.. options.Rankings.Where(r => r.Ranker == RankerKind.Causal).Select(r => r.Name)];
        foreach (var arm in options.Arms)
        {
            _arms[arm.Name] = arm;
            _baseline[arm.Name] = new ThresholdPolicy(arm.BaselineThreshold);
        }

        _served = Build(model, new Rankers(scorer ?? RelevanceScorer.Instance, null), priors ?? PopulationPriors.Default, options.Epsilon, null);
    }

    /// <summary>Cold-start features by activity cohort, for members with little history.</summary>
    public PopulationPriors Priors => _served.Priors;

    /// <summary>Versions of the reward models the arms plan with, the challenger's last if one is on trial.</summary>
    public IReadOnlyList<string> ModelVersions =>
        _served.Slow.Values.Append(_served.Challenger?.Values.First()).OfType<SlowPolicy>().Select(p => p.Model.Version).Distinct(StringComparer.Ordinal).ToArray();

    /// <summary>The slow policy's action space.</summary>
    public ActionGrid Grid { get; }

    /// <summary>
    /// The fast policy of the ranking arm named <paramref name="ranking"/> (the first arm's if it is no longer configured):
    /// the arm's champion ranker, which paces every decision.
    /// </summary>
    public FastPolicy Fast(string ranking)
    {
        var served = _served;
        return served.Fast.GetValueOrDefault(ranking) ?? served.Fast[_rankingAllocation[0].Arm.Name];
    }

    /// <summary>
    /// The causal ranker on trial in the ranking arm named <paramref name="ranking"/>, as a fast policy: it duels the arm's
    /// champion at every send of the arm's members (<see cref="FastPolicy.Decide"/>); null between trials and in the
    /// engagement arms.
    /// </summary>
    public FastPolicy? RankerChallenger(string ranking) => _causalArms.Contains(ranking) ? _served.RankerChallenger : null;

    /// <summary>
    /// Puts <paramref name="challenger"/> on trial as the causal ranking arms' ranker: at each of their sends it and the
    /// arm's ranker each pick a message and a fair coin sends one; null ends the trial. The causal ranker serving, or the
    /// engagement ranker until one has won, keeps pacing.
    /// </summary>
    public void ChallengeRanker(ICandidateScorer? challenger)
    {
        var current = _served;
        _served = current with { RankerChallenger = challenger is null ? null : CausalPolicy(challenger, current.Rankers.Engagement) };
    }

    /// <summary>Where <see cref="ArmPolicy.Oracle"/> arms get their plans; null outside experiments that know the truth.</summary>
    public IPlanOracle? Oracle { get; }

    /// <summary>
    /// Serves a new model version (and rankers and priors, if it has them) to plans made from now on, optionally with a
    /// new exploration share and message cost for the hierarchical arms (null keeps each arm's configured cost): how a
    /// running experiment retrains without a restart. <paramref name="scorer"/> is the engagement ranker,
    /// <paramref name="causal"/> the causal one; null keeps the one serving.
    /// </summary>
    public void Serve(IRewardModel model, ICandidateScorer? scorer = null, PopulationPriors? priors = null, double? epsilon = null, double? messageCost = null,
        ICandidateScorer? causal = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (epsilon is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "The exploration share must be in [0, 1].");
        }

        var current = _served;
        _served = Build(model, new Rankers(scorer ?? current.Rankers.Engagement, causal ?? current.Rankers.Causal), priors ?? current.Priors, epsilon ?? current.Epsilon, messageCost)
            with { RankerChallenger = current.RankerChallenger };
    }

    /// <summary>
    /// Puts <paramref name="challenger"/> on trial beside the model serving: the hierarchical arms' members whose
    /// <see cref="ChallengerUnit"/> falls below <paramref name="share"/> plan their new weeks with it, the rest with the
    /// champion, and each plan records its version, so the learning log says which member was on which. Null ends the trial.
    /// <paramref name="messageCost"/> is the challenger's, null keeping each arm's configured one.
    /// </summary>
    public void Challenge(IRewardModel? challenger, double share = DefaultChallengerShare, double? messageCost = null)
    {
        if (share is not (> 0 and < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(share), share, "The challenger's share of members must be strictly between 0 and 1.");
        }

        var current = _served;
        _served = current with
        {
            Challenger = challenger is null ? null : Build(challenger, current.Rankers, current.Priors, current.Epsilon, messageCost).Slow,
            ChallengerShare = share,
            Scaled = new ConcurrentDictionary<(string, string, OptOutScale, OptOutScale), SlowPolicy>(),
        };
    }

    /// <summary>Share of an arm's members a challenger plans for while on trial: half.</summary>
    public const double DefaultChallengerShare = 0.5;

    /// <summary>
    /// Where a member falls in the split of a trial of <paramref name="version"/>, in [0, 1): a stable hash salted by the
    /// version, so each trial splits the members afresh and a member is not always the one who tries new versions.
    /// </summary>
    public static double ChallengerUnit(string version, string memberId) => MemberHash.Unit("challenger|" + version + "|" + memberId);

    /// <summary>The arm for a member under the current allocation: a stable hash of the id picks it.</summary>
    public ArmOptions Assign(string memberId) => Pick(_allocation, MemberHash.Unit("arm|" + memberId));

    /// <summary>
    /// The ranking arm for a member: a stable hash of the id salted for the ranking layer, so it is independent of the
    /// member's pacing arm (<see cref="Assign"/>) and of the challenger split.
    /// </summary>
    public RankingArmOptions AssignRanking(string memberId) => Pick(_rankingAllocation, MemberHash.Unit("ranking|" + memberId));

    // Each arm with the cumulative share up to its end, in configured order.
    private static List<(T Arm, double UpTo)> Allocation<T>(IEnumerable<T> arms, Func<T, double> share)
    {
        var cumulative = 0.0;
        return [.. arms.Select(arm => (arm, cumulative += share(arm)))];
    }

    // The arm whose slice of [0, 1) holds the point; the last when rounding leaves it just past the shares' sum.
    private static T Pick<T>(List<(T Arm, double UpTo)> allocation, double point)
    {
        foreach (var (arm, upTo) in allocation)
        {
            if (point < upTo) return arm;
        }

        return allocation[^1].Arm;
    }

    /// <summary>The arm named <paramref name="name"/>, if still configured.</summary>
    public ArmOptions? Arm(string name) => _arms.GetValueOrDefault(name);

    /// <summary>The slow policy of an arm for a member: the challenger's while one is on trial and the member is in its share.</summary>
    public SlowPolicy SlowPolicy(ArmOptions arm, string memberId)
    {
        var served = _served;
        return Of(OnChallengersSide(served, arm, memberId) ? served.Challenger! : served.Slow, arm);
    }

    /// <summary>
    /// While a version is on trial, the slow policy of the other side of the split for a member of a hierarchical arm: the
    /// champion's for a member the challenger plans for, the challenger's for the rest; null when no version is on trial
    /// or the arm is not hierarchical. What it would have planned tells the trial whether the member's week is one the
    /// two versions set differently (<see cref="PlanState.TrialPlansDiffer"/>).
    /// </summary>
    public SlowPolicy? TrialCounterpart(ArmOptions arm, string memberId)
    {
        var served = _served;
        if (served.Challenger is not { } challenger || arm.Policy != ArmPolicy.Hierarchical) return null;
        return Of(OnChallengersSide(served, arm, memberId) ? served.Slow : challenger, arm);
    }

    private static bool OnChallengersSide(Served served, ArmOptions arm, string memberId) =>
        served.Challenger is { } challenger && arm.Policy == ArmPolicy.Hierarchical
        && ChallengerUnit(challenger.Values.First().Model.Version, memberId) < served.ChallengerShare;

    private static SlowPolicy Of(Dictionary<string, SlowPolicy> slow, ArmOptions arm) => slow.GetValueOrDefault(arm.Name) ?? slow.Values.First();

    /// <summary>
    /// The opt-out lineages whose calibrations price a plan of <paramref name="arm"/> for <paramref name="memberId"/>: its
    /// model's, then any other of the champions its plans are anchored to (<see cref="TrustRegionModel"/>; the built-in
    /// prior's under the trained versions), nearest first.
    /// </summary>
    public IReadOnlyList<string> OptOutLineages(ArmOptions arm, string memberId) => OptOutLineages(SlowPolicy(arm, memberId));

    /// <summary>The opt-out lineages whose calibrations price <paramref name="policy"/>'s plans, its model's first (<see cref="OptOutLineages(ArmOptions, string)"/>).</summary>
    public static IReadOnlyList<string> OptOutLineages(SlowPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var model = policy.Model;
        var lineages = new List<string>(2) { model.OptOutLineage };
        while (model is TrustRegionModel region)
        {
            model = region.Champion;
            if (!lineages.Contains(model.OptOutLineage)) lineages.Add(model.OptOutLineage);
        }

        return lineages;
    }

    /// <summary>
    /// The slow policy of an arm for a member pricing opt-outs at the population's level: its model's opt-out
    /// probabilities multiplied by <paramref name="scale"/> (<see cref="OptOutScaledModel"/>), and those of the
    /// champions its plans are anchored to by their own lineage's scale, <paramref name="otherScale"/> for a lineage
    /// other than the model's (<see cref="OptOutLineages(ArmOptions, string)"/>: there is at most one, the prior's), so a region is drawn
    /// around the plan the champion's own members get. Built once per arm, version and scales while a version serves.
    /// </summary>
    public SlowPolicy SlowPolicy(ArmOptions arm, string memberId, OptOutScale scale, OptOutScale otherScale) => Scaled(arm, SlowPolicy(arm, memberId), scale, otherScale);

    /// <summary><paramref name="unscaled"/>, one of <paramref name="arm"/>'s slow policies, pricing opt-outs as <see cref="SlowPolicy(ArmOptions, string, OptOutScale, OptOutScale)"/> does.</summary>
    public SlowPolicy Scaled(ArmOptions arm, SlowPolicy unscaled, OptOutScale scale, OptOutScale otherScale)
    {
        ArgumentNullException.ThrowIfNull(arm);
        ArgumentNullException.ThrowIfNull(unscaled);
        if (unscaled.Model is not TrustRegionModel) otherScale = scale;
        if (scale == OptOutScale.None && otherScale == OptOutScale.None)
        {
            return unscaled;
        }

        var scaled = _served.Scaled;
        if (scaled.Count >= MaxScaledPolicies)
        {
            // A scale changes at most once a day per lineage: only a long-lived silo gets here, and it rebuilds.
            scaled.Clear();
        }

        var lineage = unscaled.Model.OptOutLineage;
        return scaled.GetOrAdd((arm.Name, unscaled.Model.Version, scale, otherScale), _ =>
            new SlowPolicy(Grid, Scaled(unscaled.Model, of => of == lineage ? scale : otherScale), unscaled.Options));
    }

    // The model with its opt-outs scaled by its lineage's scale, and each champion it is anchored to by its own.
    private static IRewardModel Scaled(IRewardModel model, Func<string, OptOutScale> scaleOf)
    {
        var anchored = model is TrustRegionModel region ? region.WithChampion(Scaled(region.Champion, scaleOf)) : model;
        var scale = scaleOf(model.OptOutLineage);
        return scale == OptOutScale.None ? anchored : new OptOutScaledModel(anchored, scale.Push, scale.Email);
    }

    /// <summary>The baseline of an arm.</summary>
    public ThresholdPolicy Baseline(ArmOptions arm) => _baseline.GetValueOrDefault(arm.Name) ?? new ThresholdPolicy(arm.BaselineThreshold);

    private Served Build(IRewardModel model, Rankers rankers, PopulationPriors priors, double epsilon, double? messageCost)
    {
        var slow = new Dictionary<string, SlowPolicy>(StringComparer.Ordinal);
        foreach (var arm in _options.Arms)
        {
            var options = arm.Pricing(arm.Policy == ArmPolicy.Hierarchical ? messageCost : null);
            options.Exploration = arm.Policy == ArmPolicy.Hierarchical ? _options.Exploration : ExplorationMode.Greedy;
            options.Epsilon = epsilon;
            options.LocalPushRadius = _options.ExplorationRadius;
            options.LocalEmailRadius = _options.ExplorationEmailRadius;
            options.UniformExplorationShare = _options.UniformExplorationShare;
            options.UniformExplorationMaxPush = _options.UniformExplorationMaxPush;
            options.UniformExplorationMaxEmail = _options.UniformExplorationMaxEmail;
            options.InApp = _options.InApp;
            slow[arm.Name] = new SlowPolicy(Grid, model, options);
        }

        var fast = new Dictionary<string, FastPolicy>(StringComparer.Ordinal);
        foreach (var (ranking, _) in _rankingAllocation)
        {
            fast[ranking.Name] = ranking.Ranker == RankerKind.Causal && rankers.Causal is { } causal
                ? CausalPolicy(causal, rankers.Engagement)
                : new FastPolicy(rankers.Engagement);
        }

        return new Served(slow, fast, rankers, priors, epsilon, new ConcurrentDictionary<(string, string, OptOutScale, OptOutScale), SlowPolicy>(), null, 0, null);
    }

    // A causal ranker sends its best candidate (its effects are thousandths of a day apart: at the engagement scale's
    // temperature it chose almost at random, and the coins, not the ranking, randomise what it learns from) and refuses
    // those below zero; pacing keeps the engagement ranker's scale.
    private static FastPolicy CausalPolicy(ICandidateScorer causal, ICandidateScorer engagement) =>
        new(causal, options: new FastPolicyOptions { MinimumScore = 0, RankingTemperature = 0 }, pacing: engagement);

    private sealed record Rankers(ICandidateScorer Engagement, ICandidateScorer? Causal);

    private sealed record Served(
        Dictionary<string, SlowPolicy> Slow,
        Dictionary<string, FastPolicy> Fast,
        Rankers Rankers,
        PopulationPriors Priors,
        double Epsilon,
        ConcurrentDictionary<(string Arm, string Version, OptOutScale Scale, OptOutScale OtherScale), SlowPolicy> Scaled,
        Dictionary<string, SlowPolicy>? Challenger,
        double ChallengerShare,
        FastPolicy? RankerChallenger);
}
