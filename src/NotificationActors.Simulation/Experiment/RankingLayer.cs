namespace NotificationActors.Simulation.Experiment;

/// <summary>
/// One run's pacing arms crossed with its ranking arms: per cell, its members' engaged days and sends a member-week
/// from the world's truth, with the variance between members. A member's ranking arm is an independent hash of its id,
/// so the two ranking arms of one pacing arm hold different members drawn alike, and a difference between them has
/// the standard error of two independent means. Most of that variance is who the members are (a casual viewer visits
/// on two days a week, a heavy one on six), so each member's engaged days are adjusted by a pooled regression on their
/// hidden base activity, a trait fixed before the run (CUPED): the means stay unbiased, the intervals narrow.
/// </summary>
public sealed class RankingLayer
{
    private RankingLayer(IReadOnlyList<LayerCell> cells) => Cells = cells;

    /// <summary>Every pacing arm with every ranking arm.</summary>
    public IReadOnlyList<LayerCell> Cells { get; }

    internal static RankingLayer Measure(IReadOnlyList<Participant> participants, IReadOnlyList<string> arms, IReadOnlyList<string> rankings, int weeks)
    {
        var engaged = participants.Select(p => p.Truth.EngagedDays / (double)weeks).ToArray();
        var activity = participants.Select(p => p.Truth.Traits.BaseActivity).ToArray();
        var (meanEngaged, meanActivity) = (engaged.Average(), activity.Average());
        var covariance = engaged.Zip(activity, (e, a) => (e - meanEngaged) * (a - meanActivity)).Sum();
        var spread = activity.Sum(a => (a - meanActivity) * (a - meanActivity));
        var slope = spread > 0 ? covariance / spread : 0;
        var adjusted = participants.Select((p, i) => (Participant: p, Engaged: engaged[i] - (slope * (activity[i] - meanActivity)))).ToArray();
        return new([.. from arm in Enumerable.Range(0, arms.Count)
                       from ranking in rankings
                       let members = adjusted.Where(m => m.Participant.Arm == arm && m.Participant.Ranking == ranking).ToArray()
                       select LayerCell.Of(arms[arm], ranking, [.. members.Select(m => m.Engaged)],
                           [.. members.Select(m => (m.Participant.Truth.PushSent + m.Participant.Truth.EmailSent + m.Participant.Truth.InAppSent) / (double)weeks)])]);
    }

    /// <summary>The cell of <paramref name="arm"/> and <paramref name="ranking"/>.</summary>
    public LayerCell Cell(string arm, string ranking) =>
        Cells.FirstOrDefault(c => c.Arm == arm && c.Ranking == ranking) ?? throw new ArgumentException($"The ranking layer has no cell {arm} x {ranking}.");

    /// <summary>
    /// Each layer's effect on engaged days a member-week, over the seeds' runs: the ranking layer's (<paramref name="ranking"/>
    /// less <paramref name="rankingBaseline"/>) within each of <paramref name="pacingArms"/> and over them together, and the
    /// pacing layer's (<paramref name="pacing"/> less <paramref name="pacingBaseline"/>) within each ranking arm and over both.
    /// Runs add their differences; the interval is the normal one from the members' variance.
    /// </summary>
    public static IReadOnlyList<LayerEffect> Effects(IReadOnlyList<RankingLayer> runs, IReadOnlyList<string> pacingArms, string ranking, string rankingBaseline,
        string pacing, string pacingBaseline)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(pacingArms);
        var effects = new List<LayerEffect>();
        foreach (var arm in pacingArms)
        {
            effects.Add(Effect("ranking", $"{ranking} - {rankingBaseline}", arm, runs, [(arm, ranking, arm, rankingBaseline)]));
        }

        effects.Add(Effect("ranking", $"{ranking} - {rankingBaseline}", "every pacing arm", runs, [.. pacingArms.Select(a => (a, ranking, a, rankingBaseline))]));
        foreach (var within in new[] { rankingBaseline, ranking })
        {
            effects.Add(Effect("pacing", $"{pacing} - {pacingBaseline}", within, runs, [(pacing, within, pacingBaseline, within)]));
        }

        effects.Add(Effect("pacing", $"{pacing} - {pacingBaseline}", "both ranking arms", runs, [(pacing, ranking, pacingBaseline, ranking), (pacing, rankingBaseline, pacingBaseline, rankingBaseline)]));
        return effects;
    }

    // The mean over runs and pairs of cell differences, with the standard error of that mean.
    private static LayerEffect Effect(string layer, string comparison, string heldFixed, IReadOnlyList<RankingLayer> runs,
        (string Arm, string Ranking, string OtherArm, string OtherRanking)[] pairs)
    {
        var count = runs.Count * pairs.Length;
        double engagement = 0, variance = 0, sends = 0;
        foreach (var run in runs)
        {
            foreach (var (arm, ranking, otherArm, otherRanking) in pairs)
            {
                var (a, b) = (run.Cell(arm, ranking), run.Cell(otherArm, otherRanking));
                engagement += a.Engagement - b.Engagement;
                variance += a.EngagementVariance / a.Members + (b.EngagementVariance / b.Members);
                sends += a.Sends - b.Sends;
            }
        }

        var (mean, error) = (engagement / count, Math.Sqrt(variance) / count);
        return new LayerEffect(layer, comparison, heldFixed, mean, [mean - (1.96 * error), mean + (1.96 * error)], sends / count);
    }
}

/// <summary>
/// One pacing arm with one ranking arm: its members, their mean engaged days a member-week adjusted for base activity
/// with the variance between members, and their sends a member-week.
/// </summary>
public sealed record LayerCell(string Arm, string Ranking, int Members, double Engagement, double EngagementVariance, double Sends)
{
    internal static LayerCell Of(string arm, string ranking, double[] engagement, double[] sends)
    {
        var mean = engagement.Length > 0 ? engagement.Average() : double.NaN;
        var variance = engagement.Length > 1 ? engagement.Sum(e => (e - mean) * (e - mean)) / (engagement.Length - 1) : double.NaN;
        return new LayerCell(arm, ranking, engagement.Length, mean, variance, sends.Length > 0 ? sends.Average() : double.NaN);
    }
}

/// <summary>
/// One layer's effect on engaged days a member-week with the other layer held at <paramref name="HeldFixed"/> (or
/// averaged over it), with a 95% interval, and the difference in sends a member-week it came with.
/// </summary>
public sealed record LayerEffect(string Layer, string Comparison, string HeldFixed, double Engagement, double[] EngagementCi, double Sends);
