using System.Text;
using NotificationActors.Learning.Artefacts;
using static NotificationActors.Tooling.Charts.SvgText;

namespace NotificationActors.Silo.Evaluation;

/// <summary>
/// The rankers' reliability charts in plain SVG: per intent and channel, the model's prediction against what the
/// randomised log measured, with its 95% interval, beside the diagonal of perfect calibration. For the engagement
/// ranker, predicted engagement against the inverse-propensity-weighted rate of sends; for the causal ranker, the
/// predicted effect of sending against the weighted difference between sends and pacing holds.
/// </summary>
internal static class ReliabilitySvg
{
    private const int Size = 360;
    private const int Left = 70;
    private const int Top = 50;
    private const int LegendWidth = 280;

    private sealed record Point(string Category, string Channel, double Predicted, double Observed, double Lower, double Upper, string Detail, string Legend);

    public static string Render(BanditCard bandit, string version) => Render(
        $"Ranker reliability, model version {version}", "predicted engagement", "observed (weighted by 1 / propensity)",
        "dashed: perfect calibration; bars: 95% interval of the observed rate; legend: the factor serving applies", "P0",
        [.. bandit.Calibration.Select(c => new Point(c.Category, c.Channel, c.Predicted, c.Observed, c.ObservedLower, c.ObservedUpper,
            Invariant($"predicted {c.Predicted:P1}, observed {c.Observed:P1} [{c.ObservedLower:P1}, {c.ObservedUpper:P1}] from {c.Sends} sends; factor {c.Factor:F2}"),
            Invariant($"x{c.Factor:F2} ({c.Sends} sends)")))]);

    public static string Render(CausalRankerCard causal, string version) => Render(
        $"Causal ranker reliability, model version {version}", "predicted effect of sending (engaged days, the day and the next)", "randomised estimate (sends less pacing holds)",
        "dashed: perfect calibration; bars: 95% interval of the estimate; legend: the offset serving adds", "F2",
        [.. causal.Calibration.Where(c => c.Observed is not null).Select(c => new Point(c.Category, c.Channel, c.Predicted, c.Observed!.Value, c.ObservedLower!.Value, c.ObservedUpper!.Value,
            Invariant($"predicted {c.Predicted:F3}, estimated {c.Observed:F3} [{c.ObservedLower:F3}, {c.ObservedUpper:F3}] from {c.Sends} sends and {c.Holds} holds; shared gap {c.Shared:+0.000;-0.000}, own offset {c.Offset:+0.000;-0.000}"),
            Invariant($"{c.Offset:+0.000;-0.000} ({c.Sends} sends, {c.Holds} holds)")))]);

    private static string Render(string title, string xLabel, string yLabel, string footnote, string tickFormat, IReadOnlyList<Point> points)
    {
        // Engagement rates start at 0; effects may be negative, so the axes span what the points and their intervals need.
        var min = Math.Min(0, points.Select(p => Math.Min(p.Predicted, p.Lower)).DefaultIfEmpty(0).Min() * 1.1);
        var max = Math.Max(min + 0.05, points.Select(p => Math.Max(p.Predicted, p.Upper)).DefaultIfEmpty(0).Max() * 1.1);
        double X(double value) => Left + ((value - min) / (max - min) * Size);
        double Y(double value) => Top + Size - ((value - min) / (max - min) * Size);
        var svg = new StringBuilder();
        svg.Append(Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Left + Size + LegendWidth}\" height=\"{Top + Size + 60}\" font-family=\"sans-serif\" font-size=\"11\">\n"));
        svg.Append(Invariant($"<text x=\"{Left}\" y=\"22\" font-size=\"14\">{Escape(title)}</text>\n"));
        svg.Append(Invariant($"<rect x=\"{Left}\" y=\"{Top}\" width=\"{Size}\" height=\"{Size}\" fill=\"none\" stroke=\"#999\"/>\n"));
        svg.Append(Invariant($"<line x1=\"{X(min):F1}\" y1=\"{Y(min):F1}\" x2=\"{X(max):F1}\" y2=\"{Y(max):F1}\" stroke=\"#bbb\" stroke-dasharray=\"4 3\"/>\n"));
        for (var t = 0; t <= 4; t++)
        {
            var value = min + ((max - min) * t / 4);
            var label = value.ToString(tickFormat, System.Globalization.CultureInfo.InvariantCulture);
            svg.Append(Invariant($"<text x=\"{X(value):F1}\" y=\"{Top + Size + 16}\" text-anchor=\"middle\">{label}</text>\n"));
            svg.Append(Invariant($"<text x=\"{Left - 6}\" y=\"{Y(value) + 4:F1}\" text-anchor=\"end\">{label}</text>\n"));
        }

        svg.Append(Invariant($"<text x=\"{Left + (Size / 2)}\" y=\"{Top + Size + 36}\" text-anchor=\"middle\">{Escape(xLabel)}</text>\n"));
        svg.Append(Invariant($"<text x=\"14\" y=\"{Top + (Size / 2)}\" transform=\"rotate(-90 14 {Top + (Size / 2)})\" text-anchor=\"middle\">{Escape(yLabel)}</text>\n"));
        for (var i = 0; i < points.Count; i++)
        {
            var p = points[i];
            var colour = p.Channel == "email" ? "#d0782a" : "#2257a8";
            svg.Append(Invariant($"<line x1=\"{X(p.Predicted):F1}\" x2=\"{X(p.Predicted):F1}\" y1=\"{Y(p.Lower):F1}\" y2=\"{Y(p.Upper):F1}\" stroke=\"{colour}\" stroke-opacity=\"0.6\"/>\n"));
            svg.Append(Invariant($"<circle cx=\"{X(p.Predicted):F1}\" cy=\"{Y(p.Observed):F1}\" r=\"4\" fill=\"{colour}\"><title>{Escape(p.Category)} on {p.Channel}: {Escape(p.Detail)}</title></circle>\n"));
            svg.Append(Invariant($"<text x=\"{Left + Size + 16}\" y=\"{Top + 12 + (i * 16)}\" fill=\"{colour}\">{Escape(p.Category)} / {p.Channel}: {Escape(p.Legend)}</text>\n"));
        }

        svg.Append(Invariant($"<text x=\"{Left}\" y=\"{Top + Size + 54}\" fill=\"#555\">{Escape(footnote)}</text>\n"));
        svg.Append("</svg>\n");
        return svg.ToString();
    }
}
