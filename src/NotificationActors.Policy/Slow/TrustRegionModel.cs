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
/// </summary>
public sealed class TrustRegionModel : IRewardModel
{
    /// <summary>What an action outside the region is worth: far below any utility, yet finite, so the order among such actions stays the candidate's.</summary>
    private const double OutsidePenalty = -1_000;

    private readonly IRewardModel _candidate;
    private readonly SlowPolicy _champion;
    private readonly int _radius;

    // Planning runs on many threads and must not allocate per member: each thread keeps a workspace per champion
    // policy (a promoted trust region nests its own champion's), dropped with the policy.
    [ThreadStatic]
    private static ConditionalWeakTable<SlowPolicy, PlanningWorkspace>? t_workspaces;

    /// <summary>
    /// <paramref name="candidate"/> within <paramref name="radius"/> levels of the plans <paramref name="champion"/> makes
    /// with <paramref name="costs"/> (the costs the arm plans with).
    /// </summary>
    public TrustRegionModel(IRewardModel candidate, IRewardModel champion, ActionGrid grid, SlowPolicyOptions costs, int radius)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentOutOfRangeException.ThrowIfLessThan(radius, 1);
        _candidate = candidate;
        _champion = new SlowPolicy(grid, champion, costs);
        _radius = radius;
        Version = $"{candidate.Version}-near";
    }

    public string Version { get; }

    /// <summary>The candidate's: the region only rules actions out, and the opt-out predictions are the candidate's.</summary>
    public string OptOutLineage => _candidate.OptOutLineage;

    public IReadOnlyList<string> RewardNames => _candidate.RewardNames;

    public void Predict(in MemberFeatures member, ActionGrid grid, Span<double> rewards, Span<double> optOutProbability)
    {
        _candidate.Predict(member, grid, rewards, optOutProbability);
        var emailLevels = grid.EmailLevels.Length;
        var workspace = (t_workspaces ??= []).GetValue(_champion, policy => policy.CreateWorkspace());
        var (championPush, championEmail) = Math.DivRem(_champion.Evaluate(member, ChannelSet.All, workspace), emailLevels);
        for (var a = 0; a < grid.Count; a++)
        {
            var (push, email) = Math.DivRem(a, emailLevels);
            if (Math.Abs(push - championPush) > _radius || Math.Abs(email - championEmail) > _radius)
            {
                rewards[a] = OutsidePenalty;
            }
        }
    }
}
