using System.Globalization;
using System.Text;
using static NotificationActors.Tooling.Charts.SvgText;
using NotificationActors.Learning.Evaluation;
using NotificationActors.Learning.Tuning;

namespace NotificationActors.Silo.Evaluation;

/// <summary>
/// The message-cost sweep as two plain SVG panels (no scripts): engaged days and opt-out rate against the cost,
/// each the doubly-robust estimate with its interval as a band and self-normalised IPS as a dashed line; the
/// opt-out ceiling and the chosen cost are marked.
/// </summary>
internal static class CostSweepSvg
{
    private const int PanelWidth = 420;
    private const int PanelHeight = 260;
    private const int Left = 64;
    private const int Top = 80;
    private const int Gap = 90;

    public static string Render(CostTuning tuning)
    {
        var svg = new StringBuilder();
        var width = Left + (2 * PanelWidth) + Gap + 30;
        var height = Top + PanelHeight + 70;
        svg.Append(Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" font-family=\"sans-serif\" font-size=\"11\">\n"));
        svg.Append(Invariant($"<text x=\"{Left}\" y=\"22\" font-size=\"14\">Message-cost sweep, scored off-policy on the learning log</text>\n"));
        svg.Append(Invariant($"<text x=\"{Left}\" y=\"40\" fill=\"#555\">{Escape(tuning.Verdict)}</text>\n"));
        Panel(svg, tuning, Left, "engaged days over the week and the next", p => p.Engagement, null, "F2");
        Panel(svg, tuning, Left + PanelWidth + Gap, "member-weeks with an opt-out", p => p.OptOut, tuning.OptOutCeiling, "P1");
        svg.Append(Invariant($"<text x=\"{Left}\" y=\"{height - 10}\" fill=\"#555\">band: doubly-robust 95% bootstrap interval; solid: doubly robust; dashed: self-normalised IPS</text>\n"));
        svg.Append("</svg>\n");
        return svg.ToString();
    }

    private static void Panel(StringBuilder svg, CostTuning tuning, int left, string title, Func<CandidateEvaluation, OffPolicyReport> pick, double? ceiling, string format)
    {
        var points = tuning.Points;
        var costs = points.Select(p => p.MessageCost).ToArray();
        var values = points.SelectMany(p => new[] { pick(p).DoublyRobust.Lower, pick(p).DoublyRobust.Upper, pick(p).SelfNormalisedIps.Value })
            .Append(ceiling ?? double.NaN).Where(double.IsFinite).ToArray();
        var (xMin, xMax) = (costs.Min(), Math.Max(costs.Max(), costs.Min() + 1e-9));
        var (yMin, yMax) = values.Length == 0 ? (0.0, 1.0) : (values.Min(), values.Max());
        var pad = Math.Max((yMax - yMin) * 0.08, 1e-6);
        (yMin, yMax) = (yMin - pad, yMax + pad);

        // A rate's interval can dip below zero; the axis need not.
        if (ceiling is not null) yMin = Math.Max(yMin, 0);
        double X(double cost) => left + ((cost - xMin) / (xMax - xMin) * PanelWidth);
        double Y(double value) => Top + PanelHeight - ((Math.Max(value, yMin) - yMin) / (yMax - yMin) * PanelHeight);

        svg.Append(Invariant($"<text x=\"{left}\" y=\"{Top - 10}\" font-size=\"12\">{Escape(title)}</text>\n"));
        svg.Append(Invariant($"<rect x=\"{left}\" y=\"{Top}\" width=\"{PanelWidth}\" height=\"{PanelHeight}\" fill=\"none\" stroke=\"#999\"/>\n"));
        for (var t = 0; t <= 4; t++)
        {
            var value = yMin + ((yMax - yMin) * t / 4);
            svg.Append(Invariant($"<line x1=\"{left}\" x2=\"{left + PanelWidth}\" y1=\"{Y(value):F1}\" y2=\"{Y(value):F1}\" stroke=\"#eee\"/>\n"));
            svg.Append(Invariant($"<text x=\"{left - 6}\" y=\"{Y(value) + 4:F1}\" text-anchor=\"end\">{value.ToString(format, CultureInfo.InvariantCulture)}</text>\n"));
        }

        // Labels that would overlap their left neighbour are left out; every point keeps its tooltip.
        var lastLabel = double.NegativeInfinity;
        foreach (var cost in costs.Where(c => X(c) - X(xMin) >= 0))
        {
            if (X(cost) - lastLabel < 28) continue;
            lastLabel = X(cost);
            svg.Append(Invariant($"<text x=\"{X(cost):F1}\" y=\"{Top + PanelHeight + 16}\" text-anchor=\"middle\">{cost:G3}</text>\n"));
        }

        svg.Append(Invariant($"<text x=\"{left + (PanelWidth / 2)}\" y=\"{Top + PanelHeight + 34}\" text-anchor=\"middle\">message cost (engaged days per message)</text>\n"));

        var band = points.Select(p => (p.MessageCost, pick(p).DoublyRobust)).Where(p => double.IsFinite(p.DoublyRobust.Lower)).ToArray();
        if (band.Length > 0)
        {
            var outline = band.Select(p => Invariant($"{X(p.MessageCost):F1},{Y(p.DoublyRobust.Upper):F1}"))
                .Concat(band.Reverse().Select(p => Invariant($"{X(p.MessageCost):F1},{Y(p.DoublyRobust.Lower):F1}")));
            svg.Append(Invariant($"<polygon points=\"{string.Join(' ', outline)}\" fill=\"#4a78c2\" fill-opacity=\"0.18\" stroke=\"none\"/>\n"));
        }

        Line(svg, points.Select(p => (X(p.MessageCost), Y(pick(p).DoublyRobust.Value))), "#2257a8", "");
        Line(svg, points.Select(p => (X(p.MessageCost), Y(pick(p).SelfNormalisedIps.Value))), "#d0782a", " stroke-dasharray=\"5 4\"");
        foreach (var p in points)
        {
            var e = pick(p).DoublyRobust;
            svg.Append(Invariant($"<circle cx=\"{X(p.MessageCost):F1}\" cy=\"{Y(e.Value):F1}\" r=\"3\" fill=\"#2257a8\"><title>cost {p.MessageCost:G3}: {e.Value.ToString(format, CultureInfo.InvariantCulture)} [{e.Lower.ToString(format, CultureInfo.InvariantCulture)}, {e.Upper.ToString(format, CultureInfo.InvariantCulture)}]</title></circle>\n"));
        }

        if (ceiling is { } c)
        {
            svg.Append(Invariant($"<line x1=\"{left}\" x2=\"{left + PanelWidth}\" y1=\"{Y(c):F1}\" y2=\"{Y(c):F1}\" stroke=\"#c0392b\" stroke-dasharray=\"2 3\"/>\n"));
            svg.Append(Invariant($"<text x=\"{left + PanelWidth - 4}\" y=\"{Y(c) - 4:F1}\" text-anchor=\"end\" fill=\"#c0392b\">ceiling {c.ToString(format, CultureInfo.InvariantCulture)}</text>\n"));
        }

        if (tuning.ChosenCost is { } chosen)
        {
            svg.Append(Invariant($"<line x1=\"{X(chosen):F1}\" x2=\"{X(chosen):F1}\" y1=\"{Top}\" y2=\"{Top + PanelHeight}\" stroke=\"#2e8b57\" stroke-width=\"1.5\"/>\n"));
            svg.Append(Invariant($"<text x=\"{X(chosen) + 4:F1}\" y=\"{Top + 14}\" fill=\"#2e8b57\">chosen {chosen:G3}</text>\n"));
        }
    }

    private static void Line(StringBuilder svg, IEnumerable<(double X, double Y)> points, string colour, string style)
    {
        var finite = points.Where(p => double.IsFinite(p.Y)).Select(p => Invariant($"{p.X:F1},{p.Y:F1}")).ToArray();
        if (finite.Length > 1)
        {
            svg.Append(Invariant($"<polyline points=\"{string.Join(' ', finite)}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\"{style}/>\n"));
        }
    }
}
