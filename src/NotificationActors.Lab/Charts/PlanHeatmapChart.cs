using System.Globalization;
using NotificationActors.Lab.Planning;
using ScottPlot;

namespace NotificationActors.Lab.Charts;

/// <summary>The plan distribution as a push x email heatmap: a cell per plan, shaded by its count and labelled with its share.</summary>
internal static class PlanHeatmapChart
{
    public static string Render(PlanDistribution distribution, string title)
    {
        var grid = distribution.Grid;
        var push = grid.PushLevels.ToArray();
        var email = grid.EmailLevels.ToArray();
        var max = Math.Max(1, Enumerable.Range(0, grid.Count).Max(distribution.Count));
        var plot = ChartSvg.Create(title, "emails per week", "pushes per week");
        foreach (var p in push)
        {
            foreach (var e in email)
            {
                var count = distribution.Count(grid.IndexOf(p, e));
                var shade = (byte)Math.Round(255 * (1 - ((double)count / max)));
                var cell = plot.Add.Rectangle(e - 0.5, e + 0.5, p - 0.5, p + 0.5);
                cell.FillColor = new Color(shade, shade, 255);
                cell.LineColor = Colors.LightGray;
                if (count == 0) continue;
                var share = 100.0 * count / Math.Max(1, distribution.Members);
                var label = plot.Add.Text(share.ToString("F1", CultureInfo.InvariantCulture), e, p);
                label.Alignment = Alignment.MiddleCenter;
                label.LabelFontSize = 10;
                label.LabelFontColor = shade < 128 ? Colors.White : Colors.Black;
            }
        }

        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        plot.Axes.SetLimits(email.Min() - 0.5, email.Max() + 0.5, push.Min() - 0.5, push.Max() + 0.5);
        plot.HideGrid();
        plot.Add.Annotation(string.Create(CultureInfo.InvariantCulture, $"cells: % of {distribution.Members} members"), Alignment.UpperRight);
        return ChartSvg.Render(plot, "heatmap", title, 460, 620);
    }
}
