using System.Text;
using NotificationActors.Learning.Artefacts;
using static NotificationActors.Tooling.Charts.SvgText;

namespace NotificationActors.Silo.Evaluation;

/// <summary>
/// The ranker's reliability chart in plain SVG: per intent and channel, the predicted engagement against the
/// inverse-propensity-weighted observed rate with its 95% interval, beside the diagonal of perfect calibration.
/// </summary>
internal static class ReliabilitySvg
{
    private const int Size = 360;
    private const int Left = 70;
    private const int Top = 50;
    private const int LegendWidth = 260;

    public static string Render(BanditCard bandit, string version)
    {
        var cells = bandit.Calibration;
        var max = Math.Max(0.05, cells.Select(c => Math.Max(c.Predicted, c.ObservedUpper)).DefaultIfEmpty(0).Max() * 1.1);
        double X(double value) => Left + (value / max * Size);
        double Y(double value) => Top + Size - (value / max * Size);
        var svg = new StringBuilder();
        svg.Append(Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Left + Size + LegendWidth}\" height=\"{Top + Size + 60}\" font-family=\"sans-serif\" font-size=\"11\">\n"));
        svg.Append(Invariant($"<text x=\"{Left}\" y=\"22\" font-size=\"14\">Ranker reliability, model version {Escape(version)}</text>\n"));
        svg.Append(Invariant($"<rect x=\"{Left}\" y=\"{Top}\" width=\"{Size}\" height=\"{Size}\" fill=\"none\" stroke=\"#999\"/>\n"));
        svg.Append(Invariant($"<line x1=\"{X(0):F1}\" y1=\"{Y(0):F1}\" x2=\"{X(max):F1}\" y2=\"{Y(max):F1}\" stroke=\"#bbb\" stroke-dasharray=\"4 3\"/>\n"));
        for (var t = 0; t <= 4; t++)
        {
            var value = max * t / 4;
            svg.Append(Invariant($"<text x=\"{X(value):F1}\" y=\"{Top + Size + 16}\" text-anchor=\"middle\">{value:P0}</text>\n"));
            svg.Append(Invariant($"<text x=\"{Left - 6}\" y=\"{Y(value) + 4:F1}\" text-anchor=\"end\">{value:P0}</text>\n"));
        }

        svg.Append(Invariant($"<text x=\"{Left + (Size / 2)}\" y=\"{Top + Size + 36}\" text-anchor=\"middle\">predicted engagement</text>\n"));
        svg.Append(Invariant($"<text x=\"14\" y=\"{Top + (Size / 2)}\" transform=\"rotate(-90 14 {Top + (Size / 2)})\" text-anchor=\"middle\">observed (weighted by 1 / propensity)</text>\n"));
        for (var i = 0; i < cells.Count; i++)
        {
            var c = cells[i];
            var colour = c.Channel == "email" ? "#d0782a" : "#2257a8";
            svg.Append(Invariant($"<line x1=\"{X(c.Predicted):F1}\" x2=\"{X(c.Predicted):F1}\" y1=\"{Y(c.ObservedLower):F1}\" y2=\"{Y(c.ObservedUpper):F1}\" stroke=\"{colour}\" stroke-opacity=\"0.6\"/>\n"));
            svg.Append(Invariant($"<circle cx=\"{X(c.Predicted):F1}\" cy=\"{Y(c.Observed):F1}\" r=\"4\" fill=\"{colour}\"><title>{Escape(c.Category)} on {c.Channel}: predicted {c.Predicted:P1}, observed {c.Observed:P1} [{c.ObservedLower:P1}, {c.ObservedUpper:P1}] from {c.Sends} sends; factor {c.Factor:F2}</title></circle>\n"));
            svg.Append(Invariant($"<text x=\"{Left + Size + 16}\" y=\"{Top + 12 + (i * 16)}\" fill=\"{colour}\">{Escape(c.Category)} / {c.Channel}: x{c.Factor:F2} ({c.Sends} sends)</text>\n"));
        }

        svg.Append(Invariant($"<text x=\"{Left}\" y=\"{Top + Size + 54}\" fill=\"#555\">dashed: perfect calibration; bars: 95% interval of the observed rate; legend: the factor serving applies</text>\n"));
        svg.Append("</svg>\n");
        return svg.ToString();
    }
}
