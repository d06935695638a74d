using System.Text;
using static NotificationActors.Silo.Charts.SvgText;

namespace NotificationActors.Silo.Charts;

/// <summary>Lines as inline SVG: one per series over the same x labels (weeks), with a shaded interval where known.</summary>
internal static class LineSvg
{
    private const int Width = 640;
    private const int Height = 300;
    private const int Left = 56;
    private const int Right = 16;
    private const int Top = 36;
    private const int Bottom = 56;

    public static string Render(string title, string yLabel, IReadOnlyList<string> xLabels, IReadOnlyList<ChartSeries> series, string format = "0.00")
    {
        var values = series.SelectMany(s => s.Values.Select((v, i) => (Low: Math.Min(v, s.Intervals?[i]?[0] ?? v), High: Math.Max(v, s.Intervals?[i]?[1] ?? v)))).ToArray();
        var low = Math.Min(0, values.Select(v => v.Low).DefaultIfEmpty(0).Min());
        var high = values.Select(v => v.High).DefaultIfEmpty(1).Max();
        if (high <= low) high = low + 1;
        high += (high - low) * 0.1;
        var plotWidth = Width - Left - Right;
        var plotHeight = Height - Top - Bottom;
        double X(int i) => Left + (xLabels.Count == 1 ? plotWidth / 2.0 : i * plotWidth / (double)(xLabels.Count - 1));
        double Y(double value) => Top + plotHeight - ((value - low) / (high - low) * plotHeight);

        var svg = new StringBuilder();
        svg.Append(Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-label=\"{Escape(title)}\" class=\"chart\">"));
        svg.Append(Invariant($"<text x=\"{Width / 2}\" y=\"20\" text-anchor=\"middle\" class=\"title\">{Escape(title)}</text>"));
        svg.Append(Invariant($"<text x=\"14\" y=\"{Top + (plotHeight / 2)}\" transform=\"rotate(-90 14 {Top + (plotHeight / 2)})\" text-anchor=\"middle\" class=\"axis\">{Escape(yLabel)}</text>"));
        for (var tick = 0; tick <= 4; tick++)
        {
            var value = low + ((high - low) * tick / 4);
            svg.Append(Invariant($"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{Y(value):F1}\" y2=\"{Y(value):F1}\" class=\"grid\"/>"));
            svg.Append(Invariant($"<text x=\"{Left - 6}\" y=\"{Y(value) + 4:F1}\" text-anchor=\"end\" class=\"axis\">{value.ToString(format, System.Globalization.CultureInfo.InvariantCulture)}</text>"));
        }

        var every = Math.Max(1, xLabels.Count / 13);
        for (var i = 0; i < xLabels.Count; i += every)
        {
            svg.Append(Invariant($"<text x=\"{X(i):F1}\" y=\"{Height - Bottom + 18}\" text-anchor=\"middle\" class=\"axis\">{Escape(xLabels[i])}</text>"));
        }

        for (var s = 0; s < series.Count; s++)
        {
            var points = series[s].Values.Select((v, i) => Invariant($"{X(i):F1},{Y(v):F1}"));
            if (series[s].Intervals is { } intervals && intervals.All(i => i is not null))
            {
                var upper = intervals.Select((v, i) => Invariant($"{X(i):F1},{Y(v![1]):F1}"));
                var lower = intervals.Select((v, i) => Invariant($"{X(i):F1},{Y(v![0]):F1}")).Reverse();
                svg.Append(Invariant($"<polygon points=\"{string.Join(' ', upper.Concat(lower))}\" class=\"band s{s}\"/>"));
            }

            svg.Append(Invariant($"<polyline points=\"{string.Join(' ', points)}\" class=\"line s{s}\" data-series=\"{Escape(series[s].Name)}\" data-points=\"{series[s].Values.Count}\"/>"));
        }

        GroupedBarSvg.Legend(svg, series, Height - 18);
        svg.Append("</svg>");
        return svg.ToString();
    }
}
