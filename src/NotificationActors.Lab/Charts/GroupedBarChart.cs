using System.Globalization;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace NotificationActors.Lab.Charts;

/// <summary>
/// Grouped bars from zero: one group per category, one bar per series, with interval whiskers where known and, given
/// <c>valueFormat</c>, each bar's value written above it.
/// </summary>
internal static class GroupedBarChart
{
    // Of each category's unit of width, what the bars fill; the rest separates the groups.
    private const double GroupWidth = 0.8;

    public static string Render(string title, string yLabel, IReadOnlyList<string> categories, IReadOnlyList<ChartSeries> series, string? valueFormat = null)
    {
        var plot = ChartSvg.Create(title, "", yLabel);
        var barWidth = GroupWidth / series.Count;
        for (var s = 0; s < series.Count; s++)
        {
            var colour = plot.Add.Palette.GetColor(s);
            var positions = Enumerable.Range(0, categories.Count).Select(c => c + ((s - ((series.Count - 1) / 2.0)) * barWidth)).ToArray();
            var bars = plot.Add.Bars(positions.Select((x, c) => new Bar
            {
                Position = x,
                Value = series[s].Values[c],
                Size = barWidth * 0.92,
                FillColor = colour,
                LineWidth = 0,
                Label = valueFormat is null ? "" : series[s].Values[c].ToString(valueFormat, CultureInfo.InvariantCulture),
            }).ToArray());
            bars.LegendText = series[s].Name;
            if (series[s].Intervals is { } intervals)
            {
                var known = Enumerable.Range(0, categories.Count).Where(c => intervals[c] is not null).ToArray();
                var values = known.Select(c => series[s].Values[c]).ToArray();
                var whiskers = plot.Add.ErrorBar(known.Select(c => positions[c]).ToArray(), values, new double[known.Length]);
                whiskers.YErrorNegative = known.Select((c, i) => values[i] - intervals[c]![0]).ToArray();
                whiskers.YErrorPositive = known.Select((c, i) => intervals[c]![1] - values[i]).ToArray();
                whiskers.Color = Colors.Black;
            }
        }

        var ticks = new NumericManual();
        for (var c = 0; c < categories.Count; c++) ticks.AddMajor(c, categories[c]);
        plot.Axes.Bottom.TickGenerator = ticks;
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        // Bars stand on zero; ScottPlot's autoscale would leave a margin below it.
        plot.Axes.AutoScale();
        plot.Axes.SetLimitsY(0, plot.Axes.GetLimits().Top);
        plot.ShowLegend(Edge.Bottom);
        return ChartSvg.Render(plot, "bars", title);
    }
}
