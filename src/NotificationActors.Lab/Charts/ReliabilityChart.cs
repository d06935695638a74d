using System.Globalization;
using NotificationActors.Learning.Artefacts;
using ScottPlot;

namespace NotificationActors.Lab.Charts;

/// <summary>
/// The rankers' reliability charts: per intent and channel, the model's prediction against what the randomised log
/// measured, with its 95% interval, beside the diagonal of perfect calibration. For the engagement ranker, predicted
/// engagement against the inverse-propensity-weighted rate of sends; for the causal ranker, the predicted effect of
/// sending against the weighted difference between sends and pacing holds. The legend names each cell with what
/// serving applies to it.
/// </summary>
internal static class ReliabilityChart
{
    private sealed record Point(string Category, string Channel, double Predicted, double Observed, double Lower, double Upper, string Legend);

    public static string Render(BanditCard bandit, string version) => Render(
        $"Ranker reliability, model version {version}", "predicted engagement", "observed (weighted by 1 / propensity)",
        [.. bandit.Calibration.Select(c => new Point(c.Category, c.Channel, c.Predicted, c.Observed, c.ObservedLower, c.ObservedUpper,
            string.Create(CultureInfo.InvariantCulture, $"factor x{c.Factor:F2}, {c.Sends} sends")))]);

    public static string Render(CausalRankerCard causal, string version) => Render(
        $"Causal ranker reliability, model version {version}", "predicted effect of sending (engaged days, the day and the next)", "randomised estimate (sends less pacing holds)",
        [.. causal.Calibration.Where(c => c.Observed is not null).Select(c => new Point(c.Category, c.Channel, c.Predicted, c.Observed!.Value, c.ObservedLower!.Value, c.ObservedUpper!.Value,
            string.Create(CultureInfo.InvariantCulture, $"offset {c.Offset:+0.000;-0.000}, {c.Sends} sends, {c.Holds} holds")))]);

    private static string Render(string title, string xLabel, string yLabel, IReadOnlyList<Point> points)
    {
        var plot = ChartSvg.Create(title, xLabel, yLabel);

        // Engagement rates start at 0; effects may be negative, so the square spans what the points and their intervals need.
        var min = Math.Min(0, points.Select(p => Math.Min(p.Predicted, p.Lower)).DefaultIfEmpty(0).Min() * 1.1);
        var max = Math.Max(min + 0.05, points.Select(p => Math.Max(p.Predicted, p.Upper)).DefaultIfEmpty(0).Max() * 1.1);
        var diagonal = plot.Add.Line(min, min, max, max);
        diagonal.LineColor = Colors.Gray;
        diagonal.LegendText = "perfect calibration";
        for (var i = 0; i < points.Count; i++)
        {
            var p = points[i];
            var colour = plot.Add.Palette.GetColor(i);
            var whisker = plot.Add.ErrorBar([p.Predicted], [p.Observed], [0.0]);
            whisker.YErrorNegative = [p.Observed - p.Lower];
            whisker.YErrorPositive = [p.Upper - p.Observed];
            whisker.Color = colour;
            var marker = plot.Add.Markers(new[] { p.Predicted }, new[] { p.Observed }, MarkerShape.FilledCircle, 8, colour);
            marker.LegendText = $"{p.Category} / {p.Channel}: {p.Legend}";
        }

        plot.Axes.SetLimits(min, max, min, max);
        plot.ShowLegend(Edge.Right);
        return ChartSvg.Render(plot, "reliability", title, 900, 520);
    }
}
