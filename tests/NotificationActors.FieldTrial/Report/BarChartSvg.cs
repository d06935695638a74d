using System.Globalization;
using System.Net;
using System.Text;

namespace NotificationActors.FieldTrial.Report;

/// <summary>Grouped bars as inline SVG: one group per category, one bar per series, each bar labelled with its value.</summary>
internal static class BarChartSvg
{
    private const double Width = 720;
    private const double Height = 300;
    private const double Left = 56;
    private const double Right = 16;
    private const double Top = 40;
    private const double Bottom = 48;
    private static readonly string[] Colours = ["#9aa5b1", "#e0a040", "#2f7ed8", "#4caf50", "#c0504d"];

    /// <param name="title">Shown above the chart.</param>
    /// <param name="categories">The groups along the x axis.</param>
    /// <param name="series">Each series' name and its value in every category.</param>
    /// <param name="format">How values are written on the bars.</param>
    public static string Render(string title, IReadOnlyList<string> categories, IReadOnlyList<(string Name, IReadOnlyList<double> Values)> series, string format)
    {
        var values = series.SelectMany(s => s.Values).ToArray();
        // The axis spans zero and every value, with room above (and below) for the labels.
        var top = Math.Max(0, values.DefaultIfEmpty(0).Max()) * 1.15;
        var bottom = Math.Min(0, values.DefaultIfEmpty(0).Min()) * 1.15;
        if (top == bottom) top = 1;
        var plotHeight = Height - Top - Bottom;
        double Y(double v) => Top + ((top - v) / (top - bottom) * plotHeight);
        var groupWidth = (Width - Left - Right) / categories.Count;
        var barWidth = groupWidth * 0.8 / series.Count;

        var svg = new StringBuilder();
        svg.Append(Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {Height}\" width=\"{Width}\" height=\"{Height}\" role=\"img\" aria-label=\"{Escape(title)}\" font-family=\"sans-serif\" font-size=\"11\">"));
        svg.Append(Invariant($"<text x=\"{Left}\" y=\"18\" font-size=\"14\" font-weight=\"bold\">{Escape(title)}</text>"));
        svg.Append(Invariant($"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{Y(0):F1}\" y2=\"{Y(0):F1}\" stroke=\"#333\"/>"));
        for (var c = 0; c < categories.Count; c++)
        {
            var groupLeft = Left + (c * groupWidth) + (groupWidth * 0.1);
            svg.Append(Invariant($"<text x=\"{Left + ((c + 0.5) * groupWidth):F1}\" y=\"{Height - Bottom + 18}\" text-anchor=\"middle\">{Escape(categories[c])}</text>"));
            for (var i = 0; i < series.Count; i++)
            {
                var value = series[i].Values[c];
                var (y0, y1) = (Math.Min(Y(value), Y(0)), Math.Max(Y(value), Y(0)));
                var x = groupLeft + (i * barWidth);
                var shown = value.ToString(format, CultureInfo.InvariantCulture);
                svg.Append(Invariant($"<rect x=\"{x:F1}\" y=\"{y0:F1}\" width=\"{barWidth * 0.9:F1}\" height=\"{Math.Max(0.5, y1 - y0):F1}\" fill=\"{Colours[i % Colours.Length]}\"><title>{Escape(series[i].Name)}, {Escape(categories[c])}: {shown}</title></rect>"));
                var labelY = value >= 0 ? y0 - 3 : y1 + 11;
                svg.Append(Invariant($"<text x=\"{x + (barWidth * 0.45):F1}\" y=\"{labelY:F1}\" text-anchor=\"middle\" font-size=\"9\">{shown}</text>"));
            }
        }

        for (var i = 0; i < series.Count; i++)
        {
            var x = Left + (i * 140);
            svg.Append(Invariant($"<rect x=\"{x}\" y=\"{Height - 18}\" width=\"10\" height=\"10\" fill=\"{Colours[i % Colours.Length]}\"/><text x=\"{x + 14}\" y=\"{Height - 9}\">{Escape(series[i].Name)}</text>"));
        }

        return svg.Append("</svg>").ToString();
    }

    private static string Escape(string text) => WebUtility.HtmlEncode(text);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
