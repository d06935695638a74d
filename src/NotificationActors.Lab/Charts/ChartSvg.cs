using System.Text;
using System.Text.RegularExpressions;
using ScottPlot;

namespace NotificationActors.Lab.Charts;

/// <summary>
/// ScottPlot plots as SVG for a page to inline: one look for all the lab's charts (sans-serif text, legend below),
/// a viewBox so a page can scale them, a class naming the kind of chart, and element ids unique to each chart.
/// </summary>
internal static partial class ChartSvg
{
    /// <summary>Default drawing size in pixels; the SVG scales to its container.</summary>
    public const int Width = 640;

    /// <inheritdoc cref="Width"/>
    public const int Height = 340;

    // Debian's sans-serif (ScottPlot's Fonts.Sans resolves to a serif there); a browser without it takes its own sans-serif.
    private const string Font = "DejaVu Sans";

    /// <summary>A plot with the title and axis labels set, in the charts' common style.</summary>
    public static Plot Create(string title, string xLabel, string yLabel)
    {
        var plot = new Plot();
        plot.Title(title, 15);
        plot.XLabel(xLabel, 12);
        plot.YLabel(yLabel, 12);
        plot.Axes.Bottom.TickLabelStyle.FontSize = 11;
        plot.Axes.Left.TickLabelStyle.FontSize = 11;
        return plot;
    }

    /// <summary>
    /// The plot as an SVG element: <paramref name="kind"/> becomes its class (<c>chart line</c>, <c>chart bars</c>, ...),
    /// <paramref name="label"/> its accessible name and the prefix of its ids.
    /// </summary>
    public static string Render(Plot plot, string kind, string label, int width = Width, int height = Height)
    {
        // Set last: it restyles the text of what the plot holds now.
        plot.Font.Set(Font);
        var svg = plot.GetSvgXml(width, height).Replace($"font-family=\"{Font}\"", $"font-family=\"{Font}, sans-serif\"", StringComparison.Ordinal);
        svg = svg[svg.IndexOf("<svg", StringComparison.Ordinal)..];
        var openEnd = svg.IndexOf('>', StringComparison.Ordinal);
        var open = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\"")
            .Append(System.Globalization.CultureInfo.InvariantCulture, $" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\"")
            .Append(" class=\"chart ").Append(kind).Append("\" role=\"img\" aria-label=\"").Append(Escape(label)).Append("\">");

        // Skia numbers clip paths from 1 in every document: inlined side by side, a later chart would clip to an earlier one's.
        var prefix = Slug().Replace(label.ToLowerInvariant(), "-") + "-";
        var body = svg[(openEnd + 1)..].Replace("id=\"", "id=\"" + prefix, StringComparison.Ordinal).Replace("url(#", "url(#" + prefix, StringComparison.Ordinal);
        return open.Append(body).ToString();
    }

    /// <summary>Text for HTML and SVG: escaped markup characters.</summary>
    public static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal);

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex Slug();
}
