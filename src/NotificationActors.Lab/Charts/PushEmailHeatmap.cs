using ScottPlot;

namespace NotificationActors.Lab.Charts;

/// <summary>
/// A push x email grid as a heatmap: a cell per weekly plan, pushes up and emails across, shaded from white (0) to
/// full blue (1) and labelled. The plan distribution and the schedule yardsticks draw their grids with it.
/// </summary>
internal static class PushEmailHeatmap
{
    /// <summary>
    /// The heatmap of <paramref name="push"/> x <paramref name="email"/>: <paramref name="shade"/> gives each cell's
    /// depth in [0, 1] and <paramref name="label"/> its text (none when null).
    /// </summary>
    public static string Render(string title, IReadOnlyList<int> push, IReadOnlyList<int> email, Func<int, int, double> shade, Func<int, int, string?> label, string annotation)
    {
        var plot = ChartSvg.Create(title, "emails per week", "pushes per week");
        foreach (var p in push)
        {
            foreach (var e in email)
            {
                var depth = (byte)Math.Round(255 * (1 - Math.Clamp(shade(p, e), 0, 1)));
                var cell = plot.Add.Rectangle(e - 0.5, e + 0.5, p - 0.5, p + 0.5);
                cell.FillColor = new Color(depth, depth, 255);
                cell.LineColor = Colors.LightGray;
                if (label(p, e) is not { } text) continue;
                var written = plot.Add.Text(text, e, p);
                written.Alignment = Alignment.MiddleCenter;
                written.LabelFontSize = 10;
                written.LabelFontColor = depth < 128 ? Colors.White : Colors.Black;
            }
        }

        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        plot.Axes.SetLimits(email.Min() - 0.5, email.Max() + 0.5, push.Min() - 0.5, push.Max() + 0.5);
        plot.HideGrid();
        plot.Add.Annotation(annotation, Alignment.UpperRight);
        return ChartSvg.Render(plot, "heatmap", title, 460, 620);
    }
}
