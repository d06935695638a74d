using System.Globalization;

namespace NotificationActors.Tooling.Charts;

/// <summary>Text for hand-written SVG: numbers in the invariant culture (a decimal comma breaks coordinates) and escaped labels.</summary>
internal static class SvgText
{
    public static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    public static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
}
