using System.Runtime.CompilerServices;
using NotificationActors.Policy.Actions;

namespace NotificationActors.Policy.Slow;

/// <summary>
/// A candidate model trusted only near the champion's plans: for each member, actions more than <c>radius</c> grid
/// levels from the champion's plan in either channel are priced out, so the candidate can move a member's plan only
/// as far as the champion's local exploration reached. A model fitted on a log of the champion's plans has seen
/// data only there; beyond it its curves are extrapolation (on the experiment's first windows, extrapolated plans
/// drove three times the champion's opt-outs). Each promotion moves the region with the plans, so a run of winning
/// versions walks the plans as far as the data keeps supporting. The region is drawn around the champion's plan with
/// every channel open; a member whose open channels leave no plan inside it is planned by the candidate alone.
/// Inside the region the candidate leaves the champion's plan only for a plan it values more by over <c>margin</c>
/// engaged days (the plan's <see cref="Anchor"/>, which the slow policy applies to its choice, so predictions and
/// explanations stay the candidate's own): its small differences are mostly the noise of its fit, and a plan moved on
/// noise costs the member.
/// </summary>
public sealed class TrustRegionModel : IRewardModel
{
    /// <summary>What an action outside the region is worth: far below any utility, yet finite, so the order among such actions stays the candidate's.</summary>
    private const double OutsidePenalty = -1_000;

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

    public IReadOnlyList<string> RewardNames => _candidate.RewardNames;

    /// <summary>The candidate's predictions, actions outside the region priced out.</summary>
    public void Predict(in MemberFeatures member, ActionGrid grid, Span<double> rewards, Span<double> optOutProbability)
    {
        _candidate.Predict(member, grid, rewards, optOutProbability);
        var emailLevels = grid.EmailLevels.Length;
        var (championPush, championEmail) = Math.DivRem(ChampionPlan(member), emailLevels);
        for (var a = 0; a < grid.Count; a++)
        {
            var (push, email) = Math.DivRem(a, emailLevels);
            if (Math.Abs(push - championPush) > _radius || Math.Abs(email - championEmail) > _radius)
            {
                rewards[a] = OutsidePenalty;
            }
        }
    }

    /// <summary>The champion's plan for the member, kept unless the candidate values another by more than the margin.</summary>
    public PlanAnchor Anchor(in MemberFeatures member, ActionGrid grid) => _margin > 0 ? new(ChampionPlan(member), _margin) : PlanAnchor.None;

    // The plan the champion makes with every channel open. The slow policy asks for it twice per member (the region in
    // Predict, the anchor after), and a promoted region nests its champion's, so each level solves it once per member.
    private int ChampionPlan(in MemberFeatures member)
    {
        var plans = (t_champions ??= []).GetValue(_champion, policy => new ChampionPlans(policy.CreateWorkspace()));
        if (plans.Plan < 0 || plans.Member != member)
        {
            plans.Plan = _champion.Evaluate(member, ChannelSet.All, plans.Workspace);
            plans.Member = member;
        }

        return plans.Plan;
    }

    // A thread's workspace for one champion policy and the last member it planned.
    private sealed class ChampionPlans(PlanningWorkspace workspace)
    {
        public PlanningWorkspace Workspace { get; } = workspace;

        public MemberFeatures Member { get; set; }

        public int Plan { get; set; } = -1;
    }
}
