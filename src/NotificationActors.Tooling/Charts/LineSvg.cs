using static NotificationActors.Tooling.Charts.ChartFrame;
using static NotificationActors.Tooling.Charts.SvgText;

namespace NotificationActors.Tooling.Charts;

/// <summary>Lines as inline SVG: one per series over the same x labels (weeks), with a shaded interval where known.</summary>
internal static class LineSvg
{
    public static string Render(string title, string yLabel, IReadOnlyList<string> xLabels, IReadOnlyList<ChartSeries> series, string format = "0.00")
    {
        var values = series.SelectMany(s => s.Values.Select((v, i) => (Low: Math.Min(v, s.Intervals?[i]?[0] ?? v), High: Math.Max(v, s.Intervals?[i]?[1] ?? v)))).ToArray();
        var low = Math.Min(0, values.Select(v => v.Low).DefaultIfEmpty(0).Min());
        var high = values.Select(v => v.High).DefaultIfEmpty(1).Max();
        if (high <= low) high = low + 1;
        high += (high - low) * 0.1;
        double X(int i) => Left + (xLabels.Count == 1 ? PlotWidth / 2.0 : i * PlotWidth / (double)(xLabels.Count - 1));
        double Y(double value) => Top + PlotHeight - ((value - low) / (high - low) * PlotHeight);

        var svg = Open(title, yLabel);
        ValueAxis(svg, low, high, Y, format);
        var every = Math.Max(1, xLabels.Count / 13);
        for (var i = 0; i < xLabels.Count; i += every)
        {
            Label(svg, X(i), xLabels[i]);
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

        return Close(svg, series);
    }
}
