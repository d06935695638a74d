using Microsoft.Extensions.Options;
using NotificationActors.Grains.Experiments;
using NotificationActors.Grains.Members;
using NotificationActors.Policy.Actions;
using NotificationActors.Policy.Baseline;
using NotificationActors.Policy.Fast;
using NotificationActors.Policy.Slow;

namespace NotificationActors.Grains.Policies;

/// <summary>
/// The policies every member grain of a silo shares, built once from the options: the action grid, the fast
/// policy, and per arm its slow policy (with the arm's message cost) or its baseline threshold.
/// </summary>
public sealed class PolicyEngine
{
    private readonly List<(ArmOptions Arm, double UpTo)> _allocation = [];
    private readonly Dictionary<string, SlowPolicy> _slow = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ThresholdPolicy> _baseline = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ArmOptions> _arms = new(StringComparer.Ordinal);

    /// <summary>Policies for the configured arms, planning with the silo's reward model and ranking with its candidate scorer.</summary>
    public PolicyEngine(IOptions<MemberGrainOptions> options, IRewardModel model, ICandidateScorer scorer, PopulationPriors priors)
        : this(options.Value, model, scorer, priors)
    {
    }

    /// <summary>Policies for the configured arms, planning with <paramref name="model"/> and ranking with <paramref name="scorer"/> (relevance by default).</summary>
    public PolicyEngine(MemberGrainOptions options, IRewardModel model, ICandidateScorer? scorer = null, PopulationPriors? priors = null)
    {
        Priors = priors ?? PopulationPriors.Default;
        RankerVersion = (scorer ?? RelevanceScorer.Instance).Version;
        ArgumentNullException.ThrowIfNull(options);
        if (options.Problem() is { } problem)
        {
            throw new ArgumentException($"Invalid {nameof(MemberGrainOptions)}: {problem}", nameof(options));
        }

        Grid = ActionGrid.Default;
        Fast = new FastPolicy(scorer);
        var cumulative = 0.0;
        foreach (var arm in options.Arms)
        {
            cumulative += arm.Share;
            _allocation.Add((arm, cumulative));
            _arms[arm.Name] = arm;
            _slow[arm.Name] = new SlowPolicy(Grid, model, new SlowPolicyOptions
            {
                MessageCost = arm.MessageCost ?? SlowPolicyOptions.DefaultMessageCost,
                Exploration = arm.Policy == ArmPolicy.Hierarchical ? options.Exploration : ExplorationMode.Greedy,
                Epsilon = options.Epsilon,
            });
            _baseline[arm.Name] = new ThresholdPolicy(arm.BaselineThreshold);
        }
    }

    /// <summary>The version of the fast policy's ranker, recorded with each decision.</summary>
    public string RankerVersion { get; }

    /// <summary>Cold-start features by activity cohort, for members with little history.</summary>
    public PopulationPriors Priors { get; }

    /// <summary>Versions of the reward models the arms plan with.</summary>
    public IReadOnlyList<string> ModelVersions => _slow.Values.Select(p => p.Model.Version).Distinct(StringComparer.Ordinal).ToArray();

    /// <summary>The slow policy's action space.</summary>
    public ActionGrid Grid { get; }

    /// <summary>The fast policy.</summary>
    public FastPolicy Fast { get; }

    /// <summary>The arm for a member under the current allocation: a stable hash of the id picks it.</summary>
    public ArmOptions Assign(string memberId)
    {
        var point = MemberHash.Unit("arm|" + memberId);
        foreach (var (arm, upTo) in _allocation)
        {
            if (point < upTo) return arm;
        }

        return _allocation[^1].Arm;
    }

    /// <summary>The arm named <paramref name="name"/>, if still configured.</summary>
    public ArmOptions? Arm(string name) => _arms.GetValueOrDefault(name);

    /// <summary>The slow policy of an arm.</summary>
    public SlowPolicy SlowPolicy(ArmOptions arm) => _slow.GetValueOrDefault(arm.Name) ?? _slow.Values.First();

    /// <summary>The baseline of an arm.</summary>
    public ThresholdPolicy Baseline(ArmOptions arm) => _baseline.GetValueOrDefault(arm.Name) ?? new ThresholdPolicy(arm.BaselineThreshold);
}
