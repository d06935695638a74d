using NotificationActors.Learning.Artefacts;
using NotificationActors.Learning.Training;
using NotificationActors.Policy.Actions;
using NotificationActors.Policy.Slow;

namespace NotificationActors.Learning.ColdStart;

/// <summary>
/// Cold start from members like the newcomer: per activity cohort, the features of established members (the
/// priors a new member's plan starts from), and how the trained model's plans move with tenure, from a brand-new
/// member on the priors to members with two months of history.
/// </summary>
internal static class ColdStartAnalysis
{
    /// <summary>Tenure from which a member's features are its own rather than its priors.</summary>
    public const double EstablishedWeeks = 8;

    // Fewer established members than this in a cohort and the cohort takes the population's priors.
    private const int MinCohortMembers = 30;
    private const int MaxPlansPerBucket = 2_000;

    private static readonly (string Name, double Below)[] CohortBounds = [("casual", 2), ("regular", 4.5), ("heavy", double.PositiveInfinity)];

    private static readonly (string Name, double From, double Below)[] TenureBuckets =
        [("0-1 weeks", 0, 2), ("2-3 weeks", 2, 4), ("4-7 weeks", 4, EstablishedWeeks), ("8+ weeks", EstablishedWeeks, double.PositiveInfinity)];

    public static ColdStartCard Analyse(LearningRow[] rows, IRewardModel model, ActionGrid grid, SlowPolicyOptions options)
    {
        var established = rows.Where(r => r.Features.TenureWeeks >= EstablishedWeeks).ToArray();
        var pool = established.Length >= MinCohortMembers ? established : rows;
        var everyone = Prior("everyone", double.PositiveInfinity, pool);
        var lower = 0.0;
        var priors = new List<CohortPrior>();
        foreach (var (name, below) in CohortBounds)
        {
            var from = lower;
            var members = pool.Where(r => r.Features.EngagedDaysPerWeek >= from && r.Features.EngagedDaysPerWeek < below).ToArray();
            priors.Add(members.Length >= MinCohortMembers ? Prior(name, below, members) : everyone with { Cohort = name, EngagedDaysBelow = below });
            lower = below;
        }

        var policy = new SlowPolicy(grid, model, options.PricedAlike(exploration: ExplorationMode.Greedy));
        var workspace = policy.CreateWorkspace();
        (double Push, double Email) Plan(IEnumerable<MemberFeatures> members)
        {
            double push = 0, email = 0;
            var count = 0;
            foreach (var member in members.Take(MaxPlansPerBucket))
            {
                var action = grid.Actions[policy.Evaluate(member, ChannelSet.All, workspace)];
                (push, email, count) = (push + action.Push, email + action.Email, count + 1);
            }

            return count == 0 ? (double.NaN, double.NaN) : (push / count, email / count);
        }

        var progression = new List<PlanProgression>();
        lower = 0;
        foreach (var prior in priors)
        {
            var from = lower;
            var cohortRows = rows.Where(r => r.Features.EngagedDaysPerWeek >= from && r.Features.EngagedDaysPerWeek < prior.EngagedDaysBelow).ToArray();
            var newcomer = new MemberFeatures
            {
                EngagedDaysPerWeek = prior.EngagedDaysPerWeek, PushOpenRate = prior.PushOpenRate, EmailOpenRate = prior.EmailOpenRate, DismissRate = prior.DismissRate,
            };
            var (push, email) = Plan([newcomer]);
            progression.Add(new PlanProgression { Cohort = prior.Cohort, Stage = "new member (priors)", Members = 0, Push = push, Email = email });
            foreach (var (name, start, below) in TenureBuckets)
            {
                var bucket = cohortRows.Where(r => r.Features.TenureWeeks >= start && r.Features.TenureWeeks < below).Select(r => r.Features).ToArray();
                var (p, e) = Plan(bucket);
                progression.Add(new PlanProgression { Cohort = prior.Cohort, Stage = name, Members = bucket.Length, Push = p, Email = e });
            }

            lower = prior.EngagedDaysBelow;
        }

        return new ColdStartCard { Priors = priors, Progression = progression };
    }

    private static CohortPrior Prior(string name, double below, LearningRow[] members) => new()
    {
        Cohort = name,
        EngagedDaysBelow = below,
        EngagedDaysPerWeek = members.Average(r => r.Features.EngagedDaysPerWeek),
        PushOpenRate = members.Average(r => r.Features.PushOpenRate),
        EmailOpenRate = members.Average(r => r.Features.EmailOpenRate),
        DismissRate = members.Average(r => r.Features.DismissRate),
    };
}
