using System.Text;
using static NotificationActors.Silo.Charts.SvgText;

namespace NotificationActors.Silo.Charts;

/// <summary>Grouped bars as inline SVG: one group per category, one bar per series, with interval whiskers where known.</summary>
internal static class GroupedBarSvg
{
    private const int Width = 640;
    private const int Height = 300;
    private const int Left = 56;
    private const int Right = 16;
    private const int Top = 36;
    private const int Bottom = 56;

    public static string Render(string title, string yLabel, IReadOnlyList<string> categories, IReadOnlyList<ChartSeries> series, string format = "0.00")
    {
        var top = series.SelectMany(s => s.Values.Select((v, i) => Math.Max(v, s.Intervals?[i]?[1] ?? v))).DefaultIfEmpty(0).Max();
        top = top <= 0 ? 1 : top * 1.15;
        var plotWidth = Width - Left - Right;
        var plotHeight = Height - Top - Bottom;
        var groupWidth = plotWidth / (double)categories.Count;
        var barWidth = groupWidth * 0.8 / series.Count;
        double Y(double value) => Top + plotHeight - (Math.Max(0, value) / top * plotHeight);

        var svg = new StringBuilder();
        svg.Append(Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-label=\"{Escape(title)}\" class=\"chart\">"));
        svg.Append(Invariant($"<text x=\"{Width / 2}\" y=\"20\" text-anchor=\"middle\" class=\"title\">{Escape(title)}</text>"));
        svg.Append(Invariant($"<text x=\"14\" y=\"{Top + (plotHeight / 2)}\" transform=\"rotate(-90 14 {Top + (plotHeight / 2)})\" text-anchor=\"middle\" class=\"axis\">{Escape(yLabel)}</text>"));
        for (var tick = 0; tick <= 4; tick++)
        {
            var value = top * tick / 4;
            svg.Append(Invariant($"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{Y(value):F1}\" y2=\"{Y(value):F1}\" class=\"grid\"/>"));
            svg.Append(Invariant($"<text x=\"{Left - 6}\" y=\"{Y(value) + 4:F1}\" text-anchor=\"end\" class=\"axis\">{value.ToString(format, System.Globalization.CultureInfo.InvariantCulture)}</text>"));
        }

        for (var c = 0; c < categories.Count; c++)
        {
            var groupLeft = Left + (c * groupWidth) + (groupWidth * 0.1);
            svg.Append(Invariant($"<text x=\"{Left + ((c + 0.5) * groupWidth):F1}\" y=\"{Height - Bottom + 18}\" text-anchor=\"middle\" class=\"axis\">{Escape(categories[c])}</text>"));
            for (var s = 0; s < series.Count; s++)
            {
                var value = series[s].Values[c];
                var x = groupLeft + (s * barWidth);
                svg.Append(Invariant($"<rect x=\"{x:F1}\" y=\"{Y(value):F1}\" width=\"{barWidth * 0.92:F1}\" height=\"{Top + plotHeight - Y(value):F1}\" class=\"s{s}\" data-series=\"{Escape(series[s].Name)}\" data-value=\"{value:G6}\"><title>{Escape(series[s].Name)} {Escape(categories[c])}: {value.ToString(format, System.Globalization.CultureInfo.InvariantCulture)}</title></rect>"));
                if (series[s].Intervals?[c] is [var low, var high])
                {
                    var mid = x + (barWidth * 0.46);
                    svg.Append(Invariant($"<path d=\"M{mid:F1} {Y(low):F1}V{Y(high):F1}M{mid - 4:F1} {Y(low):F1}h8M{mid - 4:F1} {Y(high):F1}h8\" class=\"whisker\"/>"));
                }
            }
        }

        Legend(svg, series, Height - 18);
        svg.Append("</svg>");
        return svg.ToString();
    }

    /// <summary>The series' names and colours along the bottom.</summary>
    public static void Legend(StringBuilder svg, IReadOnlyList<ChartSeries> series, int y)
    {
        for (var s = 0; s < series.Count; s++)
        {
            var x = Left + (s * 130);
            svg.Append(Invariant($"<rect x=\"{x}\" y=\"{y - 9}\" width=\"10\" height=\"10\" class=\"s{s}\"/><text x=\"{x + 14}\" y=\"{y}\" class=\"axis\">{Escape(series[s].Name)}</text>"));
        }
    }
}
