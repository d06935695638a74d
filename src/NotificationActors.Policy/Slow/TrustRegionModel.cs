using System.Runtime.CompilerServices;
using NotificationActors.Policy.Actions;

namespace NotificationActors.Policy.Slow;

/// <summary>
/// A candidate model trusted only near the champion's plans: for each member, actions more than <c>radius</c> grid
/// levels from the plan the champion makes for the same member and open channels are priced out, so the candidate can
/// move a member's plan only as far as the champion's local exploration reached. A model fitted on a log of the
/// champion's plans has seen data only there; beyond it its curves are extrapolation (on the experiment's first
/// windows, extrapolated plans drove three times the champion's opt-outs). Each promotion moves the region with the
/// plans, so a run of winning versions walks the plans as far as the data keeps supporting. Inside the region the
/// candidate leaves the champion's plan only for a plan it values more by over <c>margin</c> engaged days (the plan's
/// <see cref="Anchor"/>, which the slow policy applies to its choice, so predictions and explanations stay the
/// candidate's own): its small differences are mostly the noise of its fit, and a plan moved on noise costs the member.
/// The champion plans as it does for its own members: with the member's channels, and at the opt-out scale its own
/// calibration sets (<see cref="WithChampion"/>). A region drawn around the plan with every channel open and
/// the champion's unscaled opt-outs put a candidate identical to its champion 0.03 engaged days a member behind it
/// over a two-week trial (docs/learning.md).
/// </summary>
public sealed class TrustRegionModel : IRewardModel
{
    private readonly IRewardModel _candidate;
    private readonly SlowPolicy _champion;
    private readonly int _radius;
    private readonly double _margin;

    // Planning runs on many threads and must not allocate per member: each thread keeps a workspace per champion
    // policy (a promoted trust region nests its own champion's), dropped with the policy.
    [ThreadStatic]
    private static ConditionalWeakTable<SlowPolicy, ChampionPlans>? t_champions;

    /// <summary>
    /// <paramref name="candidate"/> within <paramref name="radius"/> levels of the plans <paramref name="champion"/> makes
    /// with <paramref name="costs"/> (the costs the arm plans with), moving a member off the champion's plan only for a
    /// gain of at least <paramref name="margin"/> in its own utility.
    /// </summary>
    public TrustRegionModel(IRewardModel candidate, IRewardModel champion, ActionGrid grid, SlowPolicyOptions costs, int radius, double margin = 0)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(champion);
        ArgumentOutOfRangeException.ThrowIfLessThan(radius, 1);
        if (!(margin >= 0) || double.IsInfinity(margin)) throw new ArgumentOutOfRangeException(nameof(margin), margin, "The margin must be a finite number of engaged days, 0 or more.");
        _candidate = candidate;
        _champion = new SlowPolicy(grid, champion, costs);
        _radius = radius;
        _margin = margin;
        Version = $"{candidate.Version}-near";
    }

    public string Version { get; }

    /// <summary>The candidate's: the region only rules actions out, and the opt-out predictions are the candidate's.</summary>
    public string OptOutLineage => _candidate.OptOutLineage;

    /// <summary>The model whose plans the region is drawn around.</summary>
    public IRewardModel Champion => _champion.Model;

    public IReadOnlyList<string> RewardNames => _candidate.RewardNames;

    /// <summary>The candidate's predictions: the region is the anchor's, applied by the slow policy.</summary>
    public void Predict(in MemberFeatures member, ActionGrid grid, Span<double> rewards, Span<double> optOutProbability) =>
        _candidate.Predict(member, grid, rewards, optOutProbability);

    /// <summary>The champion's plan for the member and channels: kept unless the candidate values another by more than the margin, and the centre of the region.</summary>
    public PlanAnchor Anchor(in MemberFeatures member, ActionGrid grid, ChannelSet optedIn) => new(ChampionPlan(member, optedIn), _margin, _radius);

    /// <summary>The candidate's: the region bounds push and email only; in-app caps were drawn over their whole range.</summary>
    public bool InAppGains(in MemberFeatures member, PacingAction action, Span<double> gains) => _candidate.InAppGains(member, action, gains);

    /// <summary>The same candidate, radius and margin around the plans of <paramref name="champion"/> (the champion with its opt-outs calibrated, say).</summary>
    public TrustRegionModel WithChampion(IRewardModel champion) => new(_candidate, champion, _champion.Grid, _champion.Options, _radius, _margin);

    // The plan the champion makes for the member and channels. The slow policy asks for it once per evaluation, and a
    // promoted region nests its champion's, so each level solves it once per member.
    private int ChampionPlan(in MemberFeatures member, ChannelSet optedIn)
    {
        var plans = (t_champions ??= []).GetValue(_champion, policy => new ChampionPlans(policy.CreateWorkspace()));
        if (plans.Plan < 0 || plans.Member != member || plans.OptedIn != optedIn)
        {
            plans.Plan = _champion.Evaluate(member, optedIn, plans.Workspace);
            plans.Member = member;
            plans.OptedIn = optedIn;
        }

        return plans.Plan;
    }

    // A thread's workspace for one champion policy and the last member it planned.
    private sealed class ChampionPlans(PlanningWorkspace workspace)
    {
        public PlanningWorkspace Workspace { get; } = workspace;

        public MemberFeatures Member { get; set; }

        public ChannelSet OptedIn { get; set; }

        public int Plan { get; set; } = -1;
    }
}
