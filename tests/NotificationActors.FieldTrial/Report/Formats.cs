using System.Globalization;

namespace NotificationActors.FieldTrial.Report;

/// <summary>Numbers as the reports show them: invariant culture, the spread across seeds after a ± when there is one.</summary>
internal static class Formats
{
    public static string Value(Estimate estimate, string format) =>
        estimate.Mean.ToString(format, CultureInfo.InvariantCulture)
        + (estimate.Sd is { } sd ? " ± " + sd.ToString(format, CultureInfo.InvariantCulture) : "");

    public static string Sends(SendEstimates sends) => string.Create(
        CultureInfo.InvariantCulture,
        $"{sends.Total.Mean:0.00} ({sends.Push.Mean:0.00} / {sends.Email.Mean:0.00} / {sends.InApp.Mean:0.00})");

    public static string Percent(Estimate estimate) => Value(estimate with { Mean = estimate.Mean * 100, Sd = estimate.Sd * 100 }, "0.0") + "%";

    public static string Count(long count) => count.ToString("N0", CultureInfo.InvariantCulture);
}
