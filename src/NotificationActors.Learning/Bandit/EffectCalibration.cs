using NotificationActors.Learning.Artefacts;

namespace NotificationActors.Learning.Bandit;

/// <summary>
/// Calibrates the ranker's predicted engagement per message intent (category) and channel against what the
/// held-out sends show, weighted by their inverse propensity so the exploration's choices do not bias it.
/// A cell with little data is shrunk toward the ranker's own prediction (a prior worth
/// <see cref="PriorSends"/> sends), so an under-explored intent keeps a factor near 1 instead of swinging.
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
