using System.Globalization;
using NotificationActors.Abstractions.Learning;
using NotificationActors.Learning.Evaluation;
using NotificationActors.Learning.Training;
using NotificationActors.Policy.Actions;
using NotificationActors.Policy.Slow;

namespace NotificationActors.Learning.Tuning;

/// <summary>
/// The <c>evaluate</c> job: candidate slow policies (models, message costs) judged on the learning log by
/// off-policy evaluation, and the message cost tuned: the most engagement under an opt-out-rate ceiling.
/// </summary>
public static class PolicyEvaluation
{
    /// <summary>Reads the log's weeks in [<paramref name="fromWeek"/>, <paramref name="toWeek"/>] and evaluates each candidate on them.</summary>
    /// <exception cref="InvalidDataException">The log is corrupt or holds no planned week followed by another.</exception>
    public static async Task<IReadOnlyList<CandidateEvaluation>> EvaluateAsync(
        ILearningLog log,
        string? fromWeek,
        string? toWeek,
        IReadOnlyList<PolicyCandidate> candidates,
        ActionGrid grid,
        OffPolicyOptions options,
        IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(log);
        var reading = new SynchronousProgress<int>(records => progress?.Report(new TrainingProgress("reading the learning log", records)));
        var set = await LearningSet.ReadAsync(log.ReadAsync(fromWeek, toWeek, cancellationToken), reading, cancellationToken: cancellationToken).ConfigureAwait(false);
        return Evaluate(set, candidates, grid, options, new SynchronousProgress<string>(name => progress?.Report(new TrainingProgress(name, set.Records))));
    }

    /// <summary>Evaluates candidates that differ only in message cost and picks the cost (see <see cref="CostTuning"/>).</summary>
    public static CostTuning TuneMessageCost(IReadOnlyList<CandidateEvaluation> sweep, double optOutCeiling)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        var points = sweep.OrderBy(p => p.MessageCost).ToArray();
        var feasible = points.Where(p => p.OptOut.DoublyRobust.Value <= optOutCeiling).ToArray();
        if (feasible.Length == 0)
        {
            return new CostTuning(points, optOutCeiling, null,
                string.Create(CultureInfo.InvariantCulture, $"No cost keeps the estimated opt-out rate under {optOutCeiling:P2}; sweep higher costs."));
        }

        var best = feasible.MaxBy(p => p.Engagement.DoublyRobust.Value)!;
        var caution = best.OptOut.DoublyRobust.Upper > optOutCeiling ? " (its interval reaches past the ceiling)" : "";
        return new CostTuning(points, optOutCeiling, best.MessageCost, string.Create(CultureInfo.InvariantCulture,
            $"Message cost {best.MessageCost:G3}: {best.Engagement.DoublyRobust.Value:F3} engaged days over two weeks, opt-out rate {best.OptOut.DoublyRobust.Value:P2} under the {optOutCeiling:P2} ceiling{caution}."));
    }

    internal static IReadOnlyList<CandidateEvaluation> Evaluate(LearningSet set, IReadOnlyList<PolicyCandidate> candidates, ActionGrid grid, OffPolicyOptions options, IProgress<string>? stage = null)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();

        // The outcome spans the planned week and the next, so only weeks whose next week is logged count.
        var rows = set.Rows.Where(r => r.NextWeekEngagedDays >= 0).ToArray();
        if (rows.Length == 0)
        {
            throw new InvalidDataException($"The learning log holds no planned week followed by a logged week ({set.Records} records read); nothing to evaluate on.");
        }

        var results = new List<CandidateEvaluation>(candidates.Count);
        foreach (var candidate in candidates)
        {
            stage?.Report(candidate.Name);
            var (engagement, optOut, _, _) = OffPolicySamples.Build(rows, candidate, grid);
            results.Add(new CandidateEvaluation(candidate.Name, candidate.Options.MessageCost,
                OffPolicyEstimator.Evaluate(engagement, options), OffPolicyEstimator.Evaluate(optOut, options)));
        }

        return results;
    }

    /// <summary>The sweep's candidates: one model at each cost, everything else as <paramref name="baseline"/> has it.</summary>
    public static IReadOnlyList<PolicyCandidate> CostSweep(IRewardModel model, SlowPolicyOptions baseline, IReadOnlyList<double> costs)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        return [.. costs.Select(cost => new PolicyCandidate(string.Create(CultureInfo.InvariantCulture, $"cost {cost:G3}"), model, baseline.PricedAlike(cost)))];
    }
}
