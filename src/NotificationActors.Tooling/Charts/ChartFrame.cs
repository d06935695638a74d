using System.Globalization;
using System.Text;
using static NotificationActors.Tooling.Charts.SvgText;

namespace NotificationActors.Tooling.Charts;

/// <summary>What the report's charts share: the canvas and margins, the title, the value axis with its grid, the legend.</summary>
internal static class ChartFrame
{
    public const int Width = 640;
    public const int Height = 300;
    public const int Left = 56;
    public const int Right = 16;
    public const int Top = 36;
    public const int Bottom = 56;
    public const int PlotWidth = Width - Left - Right;
    public const int PlotHeight = Height - Top - Bottom;

    /// <summary>Opens the SVG with its title and the value axis's label.</summary>
    public static StringBuilder Open(string title, string yLabel)
    {
        var svg = new StringBuilder();
        svg.Append(Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-label=\"{Escape(title)}\" class=\"chart\">"));
        svg.Append(Invariant($"<text x=\"{Width / 2}\" y=\"20\" text-anchor=\"middle\" class=\"title\">{Escape(title)}</text>"));
        svg.Append(Invariant($"<text x=\"14\" y=\"{Top + (PlotHeight / 2)}\" transform=\"rotate(-90 14 {Top + (PlotHeight / 2)})\" text-anchor=\"middle\" class=\"axis\">{Escape(yLabel)}</text>"));
        return svg;
    }

    /// <summary>Five grid lines from <paramref name="low"/> to <paramref name="high"/>, labelled, placed by <paramref name="y"/>.</summary>
    public static void ValueAxis(StringBuilder svg, double low, double high, Func<double, double> y, string format)
    {
        for (var tick = 0; tick <= 4; tick++)
        {
            var value = low + ((high - low) * tick / 4);
            svg.Append(Invariant($"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{y(value):F1}\" y2=\"{y(value):F1}\" class=\"grid\"/>"));
            svg.Append(Invariant($"<text x=\"{Left - 6}\" y=\"{y(value) + 4:F1}\" text-anchor=\"end\" class=\"axis\">{value.ToString(format, CultureInfo.InvariantCulture)}</text>"));
        }
    }

    /// <summary>A label under the plot at <paramref name="x"/>.</summary>
    public static void Label(StringBuilder svg, double x, string text) =>
        svg.Append(Invariant($"<text x=\"{x:F1}\" y=\"{Height - Bottom + 18}\" text-anchor=\"middle\" class=\"axis\">{Escape(text)}</text>"));

    /// <summary>The series' names and colours along the bottom, and the end of the SVG.</summary>
    public static string Close(StringBuilder svg, IReadOnlyList<ChartSeries> series)
    {
        // 130 px a name, closer when more series than that fits.
        var step = Math.Min(130, (Width - Left) / Math.Max(1, series.Count));
        for (var s = 0; s < series.Count; s++)
        {
            var x = Left + (s * step);
            svg.Append(Invariant($"<rect x=\"{x}\" y=\"{Height - 27}\" width=\"10\" height=\"10\" class=\"s{s}\"/><text x=\"{x + 14}\" y=\"{Height - 18}\" class=\"axis\">{Escape(series[s].Name)}</text>"));
        }

        return svg.Append("</svg>").ToString();
    }
}
