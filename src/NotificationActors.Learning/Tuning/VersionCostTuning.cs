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
/// only when the logged outcomes show the version's plans overvalue messages: its estimate must beat the lowest cost's,
/// week by week on the same held-out weeks, by more than 1.645 standard errors of that paired difference. The point
/// estimates alone rest on a few hundred matched weeks each, which move them by a tenth of a day or more: on the
/// synthetic log the fair version's highest estimate was at 0.1, 1.4 standard errors above cost 0.
/// </summary>
internal static class VersionCostTuning
{
    /// <summary>Bootstrap resamples of each estimate: its interval is for the card's reader; the choice rests on the paired differences.</summary>
    private const int Resamples = 100;

    /// <summary>One-sided 95% normal quantile: how many standard errors a higher cost's gain must clear.</summary>
    private const double ClearGain = 1.645;

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
        double[]? lowestTerms = null;
        var points = PolicyEvaluation.CostSweep(model, policy, [.. costs.Order()]).Select(candidate =>
        {
            var samples = OffPolicySamples.Build(rows, candidate, grid);
            var report = OffPolicyEstimator.Evaluate(samples.Utility, evaluation);
            var terms = samples.Utility.Select(s => OffPolicyEstimator.Terms(s, double.PositiveInfinity).DoublyRobust).ToArray();
            lowestTerms ??= terms;
            var (gain, error) = PairedGain(terms, lowestTerms);
            return new MessageCostPoint
            {
                Cost = candidate.Options.MessageCost,
                MeanSends = samples.MeanSends,
                Utility = report.DoublyRobust.Value,
                Lower = report.DoublyRobust.Lower,
                Upper = report.DoublyRobust.Upper,
                MatchedWeeks = samples.Utility.Count(s => s.TargetProbability > 0),
                GainOverLowest = gain,
                GainError = error,
            };
        }).ToArray();

        // A higher cost only for a gain the logged outcomes show clearly; the best of those, else the lowest cost.
        var lowest = points[0];
        var best = points.Where(p => ReferenceEquals(p, lowest) || p.GainOverLowest > ClearGain * p.GainError).MaxBy(p => p.Utility)!;
        var top = points.MaxBy(p => p.Utility)!;
        var reason = !ReferenceEquals(best, lowest)
            ? string.Create(CultureInfo.InvariantCulture,
                $"Cost {best.Cost:G3} a message: the logged outcomes value its plans ({best.MeanSends:F2} pushes and emails a member-week) at {best.Utility:F3} engaged days over the week and the next less opt-outs at their price [{best.Lower:F3}, {best.Upper:F3}], {best.GainOverLowest:+0.000} +- {best.GainError:0.000} above cost {lowest.Cost:G3}'s ({lowest.MeanSends:F2} a member-week) on the same {rows.Count:N0} held-out weeks ({best.MatchedWeeks:N0} logged as planned): the version's models overvalue messages there.")
            : ReferenceEquals(top, lowest)
            ? string.Create(CultureInfo.InvariantCulture,
                $"Cost {best.Cost:G3} a message: its plans ({best.MeanSends:F2} pushes and emails a member-week) are valued highest, {best.Utility:F3} engaged days over the week and the next less opt-outs at their price [{best.Lower:F3}, {best.Upper:F3}], on {rows.Count:N0} held-out weeks ({best.MatchedWeeks:N0} logged as planned).")
            : string.Create(CultureInfo.InvariantCulture,
                $"Cost {best.Cost:G3} a message: its plans ({best.MeanSends:F2} pushes and emails a member-week) are valued at {best.Utility:F3} engaged days over the week and the next less opt-outs at their price [{best.Lower:F3}, {best.Upper:F3}] on {rows.Count:N0} held-out weeks ({best.MatchedWeeks:N0} logged as planned); cost {top.Cost:G3}'s are valued {top.GainOverLowest:+0.000} +- {top.GainError:0.000} higher on the same weeks, less than {ClearGain} standard errors, which the noise of the logged outcomes could give.");
        return new MessageCostCard { Chosen = best.Cost, Points = points, Reason = reason };
    }

    // The mean of a's terms less b's over the same weeks, and its standard error.
    private static (double Gain, double Error) PairedGain(double[] a, double[] b)
    {
        var n = a.Length;
        var mean = 0.0;
        for (var i = 0; i < n; i++) mean += (a[i] - b[i]) / n;
        var squares = 0.0;
        for (var i = 0; i < n; i++) squares += (a[i] - b[i] - mean) * (a[i] - b[i] - mean);
        return (mean, n > 1 ? Math.Sqrt(squares / (n - 1) / n) : double.PositiveInfinity);
    }
}
