using NotificationActors.Learning.Artefacts;

namespace NotificationActors.Learning.Bandit;

/// <summary>
/// Calibrates the rankers per message intent (category) and channel against what held-out members' decisions show,
/// weighted by their inverse propensity so the exploration's choices do not bias it. The engagement ranker's predicted
/// engagement is compared with the sends' outcomes (<see cref="Cells"/>); the causal ranker's predicted effect with the
/// difference between the randomised sends and holds (<see cref="EffectCells"/>). A cell with little data is shrunk
/// toward the ranker's own prediction, so an under-explored intent keeps what the model says instead of swinging.
/// </summary>
internal static class EffectCalibration
{
    /// <summary>The prediction's weight in a cell, in effective sends.</summary>
    public const double PriorSends = 50;

    /// <summary>Factors are kept within [1 / MaxFactor, MaxFactor]: calibration corrects a model, it does not replace it.</summary>
    public const double MaxFactor = 2;

    // Weights above this are clipped, as in off-policy evaluation, so one unlikely send cannot own a cell.
    private const double MaxWeight = 100;

    public static IReadOnlyList<CalibrationCell> Cells(IEnumerable<(HeldOutSend Send, double Predicted)> sends)
    {
        return [.. sends
            .GroupBy(s => (s.Send.Category, s.Send.Channel))
            .OrderBy(g => g.Key.Category, StringComparer.Ordinal).ThenBy(g => g.Key.Channel)
            .Select(g => Cell(g.Key.Category, g.Key.Channel.ToString().ToLowerInvariant(), g.ToArray()))];
    }

    /// <summary>
    /// How far a cell's true effect is expected to stray from the model's mean prediction for it, in engaged days: the
    /// prior spread the observed difference is weighed against. A cell whose estimate has a standard error of this size
    /// moves half way toward it.
    /// </summary>
    public const double EffectCellSpread = 0.03;

    /// <summary>
    /// Per intent and channel: the causal ranker's mean predicted effect against the Hajek estimate of the effect from the
    /// held-out randomised decisions (weighted mean outcome of sends less that of holds), and the offset that moves the
    /// prediction toward it by precision: spread^2 / (spread^2 + standard error^2) of the gap.
    /// </summary>
    public static IReadOnlyList<EffectCalibrationCell> EffectCells(IEnumerable<(HeldOutDecision Decision, double Predicted)> decisions)
    {
        return [.. decisions
            .GroupBy(s => (s.Decision.Category, s.Decision.Channel))
            .OrderBy(g => g.Key.Category, StringComparer.Ordinal).ThenBy(g => g.Key.Channel)
            .Select(g => EffectCell(g.Key.Category, g.Key.Channel.ToString().ToLowerInvariant(), g.ToArray()))];
    }

    private static EffectCalibrationCell EffectCell(string category, string channel, (HeldOutDecision Decision, double Predicted)[] decisions)
    {
        var (sent, held) = (Arm(decisions, sent: true), Arm(decisions, sent: false));
        var weight = decisions.Sum(d => d.Decision.Weight);
        var predicted = decisions.Sum(d => d.Decision.Weight * d.Predicted) / weight;
        var cell = new EffectCalibrationCell
        {
            Category = category,
            Channel = channel,
            Sends = sent.Count,
            Holds = held.Count,
            Predicted = predicted,
            Offset = 0,
        };
        if (sent.Count < 2 || held.Count < 2)
        {
            return cell;
        }

        var observed = sent.Mean - held.Mean;
        var variance = sent.Variance + held.Variance;
        var error = Math.Sqrt(variance);
        var pull = EffectCellSpread * EffectCellSpread / ((EffectCellSpread * EffectCellSpread) + variance);
        return cell with
        {
            Observed = observed,
            ObservedLower = observed - (1.96 * error),
            ObservedUpper = observed + (1.96 * error),
            Offset = pull * (observed - predicted),
        };
    }

    // A side's Hajek mean and the variance of that mean (sum w^2 (y - mean)^2 / (sum w)^2).
    private static (int Count, double Mean, double Variance) Arm((HeldOutDecision Decision, double Predicted)[] decisions, bool sent)
    {
        double sumWeight = 0, sumOutcome = 0;
        var count = 0;
        foreach (var (decision, _) in decisions)
        {
            if (decision.Sent != sent) continue;
            count++;
            sumWeight += decision.Weight;
            sumOutcome += decision.Weight * decision.Outcome;
        }

        if (count == 0) return (0, double.NaN, double.NaN);
        var mean = sumOutcome / sumWeight;
        var spread = 0.0;
        foreach (var (decision, _) in decisions)
        {
            if (decision.Sent == sent) spread += decision.Weight * decision.Weight * Math.Pow(decision.Outcome - mean, 2);
        }

        return (count, mean, spread / (sumWeight * sumWeight));
    }

    private static CalibrationCell Cell(string category, string channel, (HeldOutSend Send, double Predicted)[] sends)
    {
        double sumWeight = 0, sumSquared = 0, observed = 0, predicted = 0;
        foreach (var (send, prediction) in sends)
        {
            var w = Math.Min(MaxWeight, 1 / Math.Max(send.Propensity, 1e-9));
            sumWeight += w;
            sumSquared += w * w;
            observed += w * (send.Engaged ? 1 : 0);
            predicted += w * prediction;
        }

        var (o, e) = (observed / sumWeight, predicted / sumWeight);
        var ess = sumWeight * sumWeight / sumSquared;
        var shrunk = ((ess * o) + (PriorSends * e)) / (ess + PriorSends);
        var error = Math.Sqrt(Math.Max(o * (1 - o), 1e-6) / ess);
        return new CalibrationCell
        {
            Category = category,
            Channel = channel,
            Sends = sends.Length,
            EffectiveSends = ess,
            Predicted = e,
            Observed = o,
            ObservedLower = Math.Max(0, o - (1.96 * error)),
            ObservedUpper = Math.Min(1, o + (1.96 * error)),
            Shrunk = shrunk,
            Factor = e > 0 ? Math.Clamp(shrunk / e, 1 / MaxFactor, MaxFactor) : 1,
        };
    }
}
