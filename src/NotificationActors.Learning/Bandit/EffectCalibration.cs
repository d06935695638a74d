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

    /// <summary>The most a cell's true effect is taken to stray from the model's, in engaged days, however dispersed the estimates.</summary>
    public const double MaxEffectCellSpread = 0.03;

    /// <summary>Sends and holds a cell needs for its estimate to count: the Hajek variance of a smaller one is too unsure to weigh it by.</summary>
    public const int MinCellDecisions = 100;

    /// <summary>
    /// Per intent and channel: the causal ranker's mean predicted effect against the Hajek estimate of the effect from the
    /// held-out randomised decisions (weighted mean outcome of sends less that of holds). The gap every measured cell
    /// shares (their precision-weighted mean) is reported as the cells' level (<see cref="EffectCalibrationCell.Shared"/>),
    /// not served: the coins measure sending the best candidate now against holding it, and a hold inside a weekly
    /// budget mostly defers the send, so that level is no reason to refuse a message (in a tired world it was below
    /// zero and the floor refused a tenth of the sends) and does not reorder candidates. The offset served is the cell's
    /// own gap beyond the shared one, shrunk by precision, spread^2 / (spread^2 + standard error^2), where the spread is
    /// how far cells truly stray, estimated from the cells themselves (DerSimonian-Laird: the gaps' dispersion beyond
    /// what their standard errors explain), taken as 0 unless that dispersion is significant at 1% (the gaps'
    /// chi-square against its 99th percentile: a spread from noise reorders candidates whose effects are thousandths of
    /// a day apart) and at most <see cref="MaxEffectCellSpread"/>. Cells with fewer than <see cref="MinCellDecisions"/>
    /// sends or holds keep the model.
    /// </summary>
    public static IReadOnlyList<EffectCalibrationCell> EffectCells(IEnumerable<(HeldOutDecision Decision, double Predicted)> decisions)
    {
        var cells = decisions
            .GroupBy(s => (s.Decision.Category, s.Decision.Channel))
            .OrderBy(g => g.Key.Category, StringComparer.Ordinal).ThenBy(g => g.Key.Channel)
            .Select(g => EffectCell(g.Key.Category, g.Key.Channel.ToString().ToLowerInvariant(), g.ToArray()))
            .ToList();
        var measured = cells.Where(c => c.Cell is { Observed: not null, Sends: >= MinCellDecisions, Holds: >= MinCellDecisions }).ToList();
        if (measured.Count == 0) return [.. cells.Select(c => c.Cell)];

        var weights = measured.Select(c => 1 / c.Variance).ToArray();
        var (sum, sumSquares) = (weights.Sum(), weights.Sum(w => w * w));
        var shared = measured.Select((c, i) => weights[i] * Gap(c.Cell)).Sum() / sum;
        var q = measured.Select((c, i) => weights[i] * Math.Pow(Gap(c.Cell) - shared, 2)).Sum();
        var degrees = measured.Count - 1;
        var spread2 = degrees < 1 || q <= ChiSquare99(degrees) ? 0 : Math.Clamp((q - degrees) / (sum - (sumSquares / sum)), 0, MaxEffectCellSpread * MaxEffectCellSpread);
        return [.. cells.Select(c => c.Cell with
        {
            Shared = shared,
            Offset = measured.Contains(c) ? spread2 / (spread2 + c.Variance) * (Gap(c.Cell) - shared) : 0,
            Spread = Math.Sqrt(spread2),
        })];

        static double Gap(EffectCalibrationCell cell) => cell.Observed!.Value - cell.Predicted;
    }

    // The 99th percentile of chi-square with k degrees of freedom, by Wilson and Hilferty's cube-root normal
    // approximation (within 1% for k >= 3; no library here has the chi-square quantile).
    private static double ChiSquare99(int k)
    {
        const double Z99 = 2.3263;
        var v = 2.0 / (9 * k);
        return k * Math.Pow(1 - v + (Z99 * Math.Sqrt(v)), 3);
    }

    private static (EffectCalibrationCell Cell, double Variance) EffectCell(string category, string channel, (HeldOutDecision Decision, double Predicted)[] decisions)
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
            return (cell, double.NaN);
        }

        var observed = sent.Mean - held.Mean;
        var variance = sent.Variance + held.Variance;
        var error = Math.Sqrt(variance);
        return (cell with
        {
            Observed = observed,
            ObservedLower = observed - (1.96 * error),
            ObservedUpper = observed + (1.96 * error),
        }, variance);
    }

    // A side's Hajek mean and the variance of that mean, clustered by member: (sum over members of (sum w (y - mean))^2)
    // / (sum w)^2, since one member's decisions share engaged days.
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
        var byMember = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (decision, _) in decisions)
        {
            if (decision.Sent == sent) byMember[decision.Member] = byMember.GetValueOrDefault(decision.Member) + (decision.Weight * (decision.Outcome - mean));
        }

        var spread = 0.0;
        foreach (var residual in byMember.Values) spread += residual * residual;
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
