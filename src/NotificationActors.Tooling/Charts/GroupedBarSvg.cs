using System.Globalization;
using static NotificationActors.Tooling.Charts.ChartFrame;
using static NotificationActors.Tooling.Charts.SvgText;

namespace NotificationActors.Tooling.Charts;

/// <summary>Grouped bars as inline SVG: one group per category, one bar per series, with interval whiskers where known.</summary>
internal static class GroupedBarSvg
{
    public static string Render(string title, string yLabel, IReadOnlyList<string> categories, IReadOnlyList<ChartSeries> series, string format = "0.00")
    {
        var top = series.SelectMany(s => s.Values.Select((v, i) => Math.Max(v, s.Intervals?[i]?[1] ?? v))).DefaultIfEmpty(0).Max();
        top = top <= 0 ? 1 : top * 1.15;
        var groupWidth = PlotWidth / (double)categories.Count;
        var barWidth = groupWidth * 0.8 / series.Count;
        double Y(double value) => Top + PlotHeight - (Math.Max(0, value) / top * PlotHeight);

        var svg = Open(title, yLabel);
        ValueAxis(svg, 0, top, Y, format);
        for (var c = 0; c < categories.Count; c++)
        {
            var groupLeft = Left + (c * groupWidth) + (groupWidth * 0.1);
            Label(svg, Left + ((c + 0.5) * groupWidth), categories[c]);
            for (var s = 0; s < series.Count; s++)
            {
                var value = series[s].Values[c];
                var x = groupLeft + (s * barWidth);
                var shown = value.ToString(format, CultureInfo.InvariantCulture);
                svg.Append(Invariant($"<rect x=\"{x:F1}\" y=\"{Y(value):F1}\" width=\"{barWidth * 0.92:F1}\" height=\"{Top + PlotHeight - Y(value):F1}\" class=\"s{s}\" data-series=\"{Escape(series[s].Name)}\" data-value=\"{value:G6}\"><title>{Escape(series[s].Name)} {Escape(categories[c])}: {shown}</title></rect>"));
                if (series[s].Intervals?[c] is [var low, var high])
                {
                    var mid = x + (barWidth * 0.46);
                    svg.Append(Invariant($"<path d=\"M{mid:F1} {Y(low):F1}V{Y(high):F1}M{mid - 4:F1} {Y(low):F1}h8M{mid - 4:F1} {Y(high):F1}h8\" class=\"whisker\"/>"));
                }
            }
        }

        return Close(svg, series);
    }
}
