using ScottPlot;
using ScottPlot.TickGenerators;

namespace NotificationActors.Lab.Charts;

/// <summary>
/// Lines over whole-numbered x values (weeks): one unfilled line with markers per series, a translucent band for its
/// interval where the series has one at every point, yardsticks thin and without markers. No dashes: Skia's SVG
/// writes a dashed stroke as filled outlines of its dashes, and a series must stay an unfilled path.
/// </summary>
internal static class LineChart
{
    private const double BandOpacity = 0.15;

    public static string Render(string title, string xLabel, string yLabel, IReadOnlyList<ChartSeries> series)
    {
        var plot = ChartSvg.Create(title, xLabel, yLabel);
        for (var s = 0; s < series.Count; s++)
        {
            var colour = plot.Add.Palette.GetColor(s);
            var xs = Enumerable.Range(1, series[s].Values.Count).Select(x => (double)x).ToArray();
            if (series[s].Intervals is { } intervals && intervals.All(i => i is not null))
            {
                var band = plot.Add.FillY(xs, [.. intervals.Select(i => i![0])], [.. intervals.Select(i => i![1])]);
                band.FillColor = colour.WithOpacity(BandOpacity);
                band.LineWidth = 0;
            }

            var line = plot.Add.Scatter(xs, [.. series[s].Values], colour);
            line.LegendText = series[s].Name;
            line.LineWidth = 2;
            line.MarkerSize = 5;
            if (series[s].Yardstick)
            {
                line.LineWidth = 1;
                line.MarkerSize = 0;
            }
        }

        plot.Axes.Bottom.TickGenerator = new NumericAutomatic { IntegerTicksOnly = true };
        plot.ShowLegend(Edge.Bottom);
        return ChartSvg.Render(plot, "line", title);
    }
}
