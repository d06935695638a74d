using System.Globalization;
using NotificationActors.Lab.Planning;

namespace NotificationActors.Lab.Charts;

/// <summary>The plan distribution as a push x email heatmap: a cell per plan, shaded by its count and labelled with its share.</summary>
internal static class PlanHeatmapChart
{
    public static string Render(PlanDistribution distribution, string title)
    {
        var grid = distribution.Grid;
        var max = Math.Max(1, Enumerable.Range(0, grid.Count).Max(distribution.Count));
        int Count(int push, int email) => distribution.Count(grid.IndexOf(push, email));
        return PushEmailHeatmap.Render(title, [.. grid.PushLevels], [.. grid.EmailLevels], (p, e) => (double)Count(p, e) / max,
            (p, e) => Count(p, e) == 0 ? null : (100.0 * Count(p, e) / Math.Max(1, distribution.Members)).ToString("F1", CultureInfo.InvariantCulture),
            string.Create(CultureInfo.InvariantCulture, $"cells: % of {distribution.Members} members"));
    }
}
