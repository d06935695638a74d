using NotificationActors.Learning.Artefacts;
using NotificationActors.Learning.Models;
using NotificationActors.Learning.Training;
using NotificationActors.Policy.Actions;
using NotificationActors.Policy.Slow;

namespace NotificationActors.Learning.Evaluation;

/// <summary>
/// Whether a new reward model predicts what the week's frequencies do better than the model serving, judged on
/// held-out members' explored weeks. The outcome is engaged days over the planned week and the next; a model's
/// effect of action a is its predicted engaged days at a less their mean over the grid, and its loss is the mean of
/// (outcome - baseline - effect)^2. Explored actions are drawn uniformly, so both effects average zero over the
/// action a row could have had, the member's own level (the baseline, the new model's grid mean) cancels out of the
/// comparison in expectation, and the loss difference estimates the difference in squared error of the effects
/// themselves: what planning depends on, where an ordinary validation error is dominated by who is engaged anyway.
/// </summary>
internal static class EffectCheck
{
    /// <summary>Fewest held-out explored weeks a comparison needs; below it the serving model stays.</summary>
    public const int MinRows = 500;

    /// <summary>One-sided 95% normal quantile: the new model must be better by this many standard errors.</summary>
    private const double Margin = 1.645;

    public static PromotionCheck Compare(IEnumerable<LearningRow> heldOut, IRewardModel candidate, IRewardModel champion, ActionGrid grid)
    {
        var n = grid.Count;
        var candidateDays = new EngagedDays(candidate, n);
        var championDays = new EngagedDays(champion, n);
        double sumCandidate = 0, sumChampion = 0, sumDifference = 0, sumSquaredDifference = 0;
        var rows = 0;
        foreach (var row in heldOut)
        {
            var action = grid.IndexOf(row.Push, row.Email);
            if (!row.Explored || row.NextWeekEngagedDays < 0 || action < 0) continue;
            var outcome = row.EngagedDays + row.NextWeekEngagedDays;
            var (candidateEffect, baseline) = candidateDays.Effect(row.Features, grid, action);
            var (championEffect, _) = championDays.Effect(row.Features, grid, action);
            var candidateLoss = Square(outcome - baseline - candidateEffect);
            var championLoss = Square(outcome - baseline - championEffect);
            sumCandidate += candidateLoss;
            sumChampion += championLoss;
            sumDifference += championLoss - candidateLoss;
            sumSquaredDifference += Square(championLoss - candidateLoss);
            rows++;
        }

        if (rows == 0)
        {
            return new PromotionCheck { Champion = champion.Version, Rows = 0, Promoted = false, Loss = double.NaN, ChampionLoss = double.NaN, Improvement = double.NaN, StandardError = double.NaN };
        }

        var improvement = sumDifference / rows;
        var variance = rows > 1 ? Math.Max(0, (sumSquaredDifference - (rows * improvement * improvement)) / (rows - 1)) : double.PositiveInfinity;
        var standardError = Math.Sqrt(variance / rows);
        return new PromotionCheck
        {
            Champion = champion.Version,
            Rows = rows,
            Loss = sumCandidate / rows,
            ChampionLoss = sumChampion / rows,
            Improvement = improvement,
            StandardError = standardError,
            Promoted = rows >= MinRows && improvement > Margin * standardError,
        };
    }

    private static double Square(double x) => x * x;

    // A model's predicted engaged days (this week's term plus next week's, whichever it has) for every action.
    private sealed class EngagedDays(IRewardModel model, int actions)
    {
        private readonly int[] _terms = [.. Enumerable.Range(0, model.RewardNames.Count)
            .Where(k => model.RewardNames[k] is LearnedRewardModel.EngagementTerm or LearnedRewardModel.NextWeekEngagementTerm)];

        private readonly double[] _rewards = new double[model.RewardNames.Count * actions];
        private readonly double[] _optOut = new double[2 * actions];

        public (double Effect, double Mean) Effect(in MemberFeatures member, ActionGrid grid, int action)
        {
            model.Predict(member, grid, _rewards, _optOut);
            double total = 0, atAction = 0;
            for (var a = 0; a < actions; a++)
            {
                var days = 0.0;
                foreach (var k in _terms) days += _rewards[(k * actions) + a];
                total += days;
                if (a == action) atAction = days;
            }

            var mean = total / actions;
            return (atAction - mean, mean);
        }
    }
}
