using System.Globalization;
using System.Text;
using NotificationActors.Learning.Evaluation;
using NotificationActors.Learning.Tuning;
using ScottPlot;

namespace NotificationActors.Lab.Charts;

/// <summary>
/// The message-cost sweep as a page of two charts: engaged days and opt-out rate against the cost, each the
/// doubly-robust estimate with its bootstrap interval as a band and self-normalised IPS as a thin line; the opt-out
/// ceiling and the chosen cost are marked (no dashes: Skia's SVG writes them as filled shapes).
/// </summary>
internal static class CostSweepChart
{
    private const string CostAxis = "message cost (engaged days per message)";

    public static string Html(EvaluationFile evaluation)
    {
        var tuning = evaluation.Sweep;
        var html = new StringBuilder("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"/><title>Message-cost sweep</title><style>")
            .Append("body{font:14px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:1340px;color:#222;padding:0 1rem}")
            .Append(".charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(560px,1fr));gap:1rem}.chart{width:100%;height:auto}")
            .Append("</style></head><body><h1>Message-cost sweep, scored off-policy on the learning log</h1>")
            .Append(CultureInfo.InvariantCulture, $"<p>{ChartSvg.Escape(tuning.Verdict)}</p><div class=\"charts\">")
            .Append(Panel(tuning, "Engaged days over the week and the next", p => p.Engagement, null))
            .Append(Panel(tuning, "Member-weeks with an opt-out", p => p.OptOut, tuning.OptOutCeiling))
            .Append("</div><p>Band: the doubly-robust estimate's 95% bootstrap interval; thick line: doubly robust; thin line: self-normalised IPS.</p></body></html>");
        return html.ToString();
    }

    private static string Panel(CostTuning tuning, string title, Func<CandidateEvaluation, OffPolicyReport> pick, double? ceiling)
    {
        var plot = ChartSvg.Create(title, CostAxis, ceiling is null ? "engaged days" : "share of member-weeks");
        var doublyRobust = tuning.Points.Where(p => double.IsFinite(pick(p).DoublyRobust.Value)).ToArray();
        var costs = doublyRobust.Select(p => p.MessageCost).ToArray();
        var colour = plot.Add.Palette.GetColor(0);
        var banded = doublyRobust.Where(p => double.IsFinite(pick(p).DoublyRobust.Lower) && double.IsFinite(pick(p).DoublyRobust.Upper)).ToArray();
        if (banded.Length > 1)
        {
            var band = plot.Add.FillY([.. banded.Select(p => p.MessageCost)], [.. banded.Select(p => pick(p).DoublyRobust.Lower)], [.. banded.Select(p => pick(p).DoublyRobust.Upper)]);
            band.FillColor = colour.WithOpacity(0.18);
            band.LineWidth = 0;
        }

        var line = plot.Add.Scatter(costs, doublyRobust.Select(p => pick(p).DoublyRobust.Value).ToArray(), colour);
        line.LegendText = "doubly robust";
        line.LineWidth = 2;
        var selfNormalised = tuning.Points.Where(p => double.IsFinite(pick(p).SelfNormalisedIps.Value)).ToArray();
        var snips = plot.Add.Scatter(selfNormalised.Select(p => p.MessageCost).ToArray(), selfNormalised.Select(p => pick(p).SelfNormalisedIps.Value).ToArray(), plot.Add.Palette.GetColor(1));
        snips.LegendText = "self-normalised IPS";
        snips.LineWidth = 1;
        snips.MarkerSize = 0;
        if (ceiling is { } c)
        {
            var limit = plot.Add.HorizontalLine(c, 1.5f, Colors.DarkRed);
            limit.LegendText = string.Create(CultureInfo.InvariantCulture, $"opt-out ceiling {c:P1}");
        }

        if (tuning.ChosenCost is { } chosen)
        {
            var mark = plot.Add.VerticalLine(chosen, 1.5f, Colors.SeaGreen);
            mark.LegendText = string.Create(CultureInfo.InvariantCulture, $"chosen cost {chosen:G3}");
        }

        plot.ShowLegend(Edge.Bottom);
        return ChartSvg.Render(plot, "line", title);
    }
}
