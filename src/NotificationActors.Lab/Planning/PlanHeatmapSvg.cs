using System.Globalization;
using System.Text;
using static NotificationActors.Tooling.Charts.SvgText;

namespace NotificationActors.Lab.Planning;

/// <summary>The plan distribution as a push x email heatmap in plain SVG (no scripts, opens in any browser).</summary>
internal static class PlanHeatmapSvg
{
    private const int Cell = 36;
    private const int Left = 70;
    private const int Top = 60;

    public static string Render(PlanDistribution distribution, string title)
    {
        var grid = distribution.Grid;
        var push = grid.PushLevels.ToArray();
        var email = grid.EmailLevels.ToArray();
        var max = Math.Max(1, Enumerable.Range(0, grid.Count).Max(distribution.Count));
        var width = Left + (email.Length * Cell) + 20;
        var height = Top + (push.Length * Cell) + 40;
        var svg = new StringBuilder();
        svg.Append(Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" font-family=\"sans-serif\" font-size=\"11\">\n"));
        svg.Append(Invariant($"<text x=\"{Left}\" y=\"20\" font-size=\"14\">{Escape(title)}</text>\n"));
        svg.Append(Invariant($"<text x=\"{Left}\" y=\"40\">emails per week →</text>\n"));
        svg.Append(Invariant($"<text x=\"12\" y=\"{Top + 12}\" transform=\"rotate(90 12 {Top + 12})\">pushes per week →</text>\n"));
        for (var e = 0; e < email.Length; e++)
        {
            svg.Append(Invariant($"<text x=\"{Left + (e * Cell) + (Cell / 2)}\" y=\"{Top - 6}\" text-anchor=\"middle\">{email[e]}</text>\n"));
        }

        for (var p = 0; p < push.Length; p++)
        {
            var y = Top + (p * Cell);
            svg.Append(Invariant($"<text x=\"{Left - 8}\" y=\"{y + (Cell / 2) + 4}\" text-anchor=\"end\">{push[p]}</text>\n"));
            for (var e = 0; e < email.Length; e++)
            {
                var count = distribution.Count(grid.IndexOf(push[p], email[e]));
                var share = (double)count / Math.Max(1, distribution.Members);
                var shade = (int)Math.Round(255 * (1 - ((double)count / max)));
                svg.Append(Invariant($"<rect x=\"{Left + (e * Cell)}\" y=\"{y}\" width=\"{Cell}\" height=\"{Cell}\" fill=\"rgb({shade},{shade},255)\" stroke=\"#ddd\"><title>push {push[p]}, email {email[e]}: {count} members ({share:P1})</title></rect>\n"));
                if (count > 0)
                {
                    svg.Append(Invariant($"<text x=\"{Left + (e * Cell) + (Cell / 2)}\" y=\"{y + (Cell / 2) + 4}\" text-anchor=\"middle\" fill=\"{(shade < 128 ? "white" : "black")}\">{share * 100:F1}</text>\n"));
                }
            }
        }

        svg.Append(Invariant($"<text x=\"{Left}\" y=\"{height - 12}\">cells: % of {distribution.Members} members</text>\n"));
        svg.Append("</svg>\n");
        return svg.ToString();
    }
}
