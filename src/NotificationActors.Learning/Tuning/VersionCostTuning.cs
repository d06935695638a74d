using System.Globalization;
using NotificationActors.Learning.Artefacts;
using NotificationActors.Learning.Evaluation;
using NotificationActors.Learning.Training;
using NotificationActors.Policy.Actions;
using NotificationActors.Policy.Slow;

namespace NotificationActors.Learning.Tuning;

/// <summary>
/// A trained version's universal message cost, tuned off-policy on its held-out members. The cost is the guard against
/// drifting to "always send", not a second count of the fatigue and opt-outs the version's utility already models: each
/// candidate cost plans greedily with the version, and its plans are valued on the logged weeks by a doubly robust
/// estimate of what a trial judges (engaged days over the week and the next, less each channel left at its price). The
/// estimate's model term is the version's own, under which cost 0 plans best by construction, so a positive cost wins
/// only when the logged outcomes show the version's plans overvalue messages.
/// </summary>
internal static class VersionCostTuning
{
    /// <summary>Bootstrap resamples of each estimate: its interval is for the card's reader, the choice is the point estimate.</summary>
    private const int Resamples = 100;

    /// <param name="rows">Held-out weeks followed by a logged week of the same member.</param>
    /// <param name="model">The version's reward models.</param>
    /// <param name="grid">The actions plans choose among.</param>
    /// <param name="policy">The utility's opt-out prices.</param>
    /// <param name="costs">The candidate costs, at least one.</param>
    /// <param name="seed">The bootstrap's seed.</param>
    public static MessageCostCard Tune(IReadOnlyList<LearningRow> rows, IRewardModel model, ActionGrid grid, SlowPolicyOptions policy, IReadOnlyList<double> costs, int seed)
    {
        if (rows.Count == 0)
        {
            return new MessageCostCard { Chosen = costs.Min(), Points = [], Reason = "No held-out week is followed by a logged week, so nothing valued the costs; the lowest serves." };
        }

        var evaluation = new OffPolicyOptions { BootstrapResamples = Resamples, Seed = seed };
        var points = PolicyEvaluation.CostSweep(model, policy, [.. costs.Order()]).Select(candidate =>
        {
            var samples = OffPolicySamples.Build(rows, candidate, grid);
            var report = OffPolicyEstimator.Evaluate(samples.Utility, evaluation);
            return new MessageCostPoint
            {
                Cost = candidate.Options.MessageCost,
                MeanSends = samples.MeanSends,
                Utility = report.DoublyRobust.Value,
                Lower = report.DoublyRobust.Lower,
                Upper = report.DoublyRobust.Upper,
                MatchedWeeks = samples.Utility.Count(s => s.TargetProbability > 0),
            };
        }).ToArray();

        // The lowest cost among equal estimates: one that no logged outcome tells apart buys nothing with fewer messages.
        var best = points.MaxBy(p => p.Utility)!;
        var lowest = points[0];
        var reason = ReferenceEquals(best, lowest)
            ? string.Create(CultureInfo.InvariantCulture,
                $"Cost {best.Cost:G3} a message: its plans ({best.MeanSends:F2} pushes and emails a member-week) are valued highest, {best.Utility:F3} engaged days over the week and the next less opt-outs at their price [{best.Lower:F3}, {best.Upper:F3}], on {rows.Count:N0} held-out weeks ({best.MatchedWeeks:N0} logged as planned).")
            : string.Create(CultureInfo.InvariantCulture,
                $"Cost {best.Cost:G3} a message: the logged outcomes value its plans ({best.MeanSends:F2} pushes and emails a member-week) at {best.Utility:F3} engaged days over the week and the next less opt-outs at their price [{best.Lower:F3}, {best.Upper:F3}], above {lowest.Utility:F3} at cost {lowest.Cost:G3} ({lowest.MeanSends:F2} a member-week), on {rows.Count:N0} held-out weeks ({best.MatchedWeeks:N0} logged as planned): the version's models overvalue messages there.");
        return new MessageCostCard { Chosen = best.Cost, Points = points, Reason = reason };
    }
}
