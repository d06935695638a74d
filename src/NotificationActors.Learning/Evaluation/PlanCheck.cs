using NotificationActors.Learning.Artefacts;
using NotificationActors.Learning.Models;
using NotificationActors.Learning.Training;
using NotificationActors.Policy.Actions;
using NotificationActors.Policy.Slow;

namespace NotificationActors.Learning.Evaluation;

/// <summary>
/// Whether a new reward model plans better than the model serving, judged on held-out members' explored weeks.
/// Each model plans every such week (the argmax of its utility at the serving costs) and is credited with the
/// outcome of the weeks whose random action lies within one push and one email of its plan: explored actions are
/// uniform, so those weeks are a fair sample of what the plan would have earned (a kernel on the grid, since an
/// exact match is one week in a hundred). The outcome is engaged days over the week and the next, less each channel
/// the week lost to an opt-out at the utility's price for it (two weeks of engagement do not see what a closed channel
/// costs later), less the member's own level (the new model's mean prediction over the grid), which cancels between
/// the two and only narrows the intervals. Judging the plans, not the predictions: a model can fit the outcome of every action better on average
/// and still choose worse, as the experiment's first retrained versions did (they fitted the many heavy plans and
/// under-sent).
/// </summary>
internal static class PlanCheck
{
    /// <summary>Fewest matched weeks each plan needs; below it the serving model stays.</summary>
    public const int MinMatched = 200;

    /// <summary>One-sided 95% normal quantile: the new model's plans must be better by this many standard errors.</summary>
    private const double Margin = 1.645;

    public static PromotionCheck Compare(IEnumerable<LearningRow> heldOut, IRewardModel candidate, IRewardModel champion, ActionGrid grid, SlowPolicyOptions costs)
    {
        var candidatePlanner = new Planner(new SlowPolicy(grid, candidate, costs));
        var championPlanner = new Planner(new SlowPolicy(grid, champion, costs));
        var rows = 0;
        var outcomes = new List<(double Residual, bool Candidate, bool Champion)>();
        foreach (var row in heldOut)
        {
            if (!row.Explored || row.NextWeekEngagedDays < 0 || grid.IndexOf(row.Push, row.Email) < 0) continue;
            rows++;
            var (candidatePlan, level) = candidatePlanner.Plan(row.Features);
            var (championPlan, _) = championPlanner.Plan(row.Features);
            var (byCandidate, byChampion) = (Near(grid[candidatePlan], row), Near(grid[championPlan], row));
            var optOuts = (row.PushOptOut ? costs.PushOptOutCost : 0) + (row.EmailOptOut ? costs.EmailOptOutCost : 0);
            if (byCandidate || byChampion) outcomes.Add((row.EngagedDays + row.NextWeekEngagedDays - optOuts - level, byCandidate, byChampion));
        }

        var (value, candidateMatched) = Mean(outcomes, o => o.Candidate);
        var (championValue, championMatched) = Mean(outcomes, o => o.Champion);
        var standardError = StandardError(outcomes, value, candidateMatched, championValue, championMatched);
        var improvement = value - championValue;
        return new PromotionCheck
        {
            Champion = champion.Version,
            Rows = rows,
            Matched = candidateMatched,
            ChampionMatched = championMatched,
            Value = value,
            ChampionValue = championValue,
            Improvement = improvement,
            StandardError = standardError,
            Promoted = candidateMatched >= MinMatched && championMatched >= MinMatched && improvement > Margin * standardError,
        };
    }

    private static bool Near(PacingAction plan, in LearningRow row) => Math.Abs(plan.Push - row.Push) <= 1 && Math.Abs(plan.Email - row.Email) <= 1;

    private static (double Mean, int Count) Mean(List<(double Residual, bool Candidate, bool Champion)> outcomes, Func<(double Residual, bool Candidate, bool Champion), bool> matched)
    {
        double sum = 0;
        var count = 0;
        foreach (var o in outcomes.Where(matched))
        {
            sum += o.Residual;
            count++;
        }

        return (count == 0 ? double.NaN : sum / count, count);
    }

    // The delta method for two means over overlapping subsets of one sample: Var(a - b) = s_a^2/n_a + s_b^2/n_b - 2 cov,
    // where the covariance comes from the weeks both plans matched.
    private static double StandardError(List<(double Residual, bool Candidate, bool Champion)> outcomes, double a, int na, double b, int nb)
    {
        if (na < 2 || nb < 2) return double.PositiveInfinity;
        double squaresA = 0, squaresB = 0, shared = 0;
        foreach (var (residual, candidate, champion) in outcomes)
        {
            if (candidate) squaresA += (residual - a) * (residual - a);
            if (champion) squaresB += (residual - b) * (residual - b);
            if (candidate && champion) shared += (residual - a) * (residual - b);
        }

        var variance = (squaresA / (na - 1) / na) + (squaresB / (nb - 1) / nb) - (2 * shared / ((double)na * nb));
        return Math.Sqrt(Math.Max(0, variance));
    }

    // A model's greedy plan for a member, and its mean predicted engaged days over the grid (the member's level).
    private sealed class Planner(SlowPolicy policy)
    {
        private readonly PlanningWorkspace _workspace = policy.CreateWorkspace();
        private readonly int[] _dayTerms = LearnedRewardModel.EngagedDayTerms(policy.Model);

        public (int Plan, double Level) Plan(in MemberFeatures member)
        {
            var plan = policy.Evaluate(member, ChannelSet.All, _workspace);
            var n = policy.Grid.Count;
            var rewards = _workspace.PredictedRewards;
            var total = 0.0;
            foreach (var k in _dayTerms)
            {
                for (var a = 0; a < n; a++) total += rewards[(k * n) + a];
            }

            return (plan, total / n);
        }
    }
}
