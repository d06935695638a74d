using System.Globalization;

namespace NotificationActors.FieldTrial.Report;

/// <summary>Numbers as the reports show them: invariant culture, the spread across seeds after a ± when there is one.</summary>
internal static class Formats
{
    public static string Value(Estimate estimate, string format) =>
        estimate.Mean.ToString(format, CultureInfo.InvariantCulture)
        + (estimate.Sd is { } sd ? " ± " + sd.ToString(format, CultureInfo.InvariantCulture) : "");

    /// <summary>The total, then push / email / in-app in brackets.</summary>
    public static string ByChannel(ChannelEstimates values, string format) => string.Create(
        CultureInfo.InvariantCulture,
        $"{values.Total.Mean.ToString(format, CultureInfo.InvariantCulture)} ({values.Push.Mean.ToString(format, CultureInfo.InvariantCulture)} / {values.Email.Mean.ToString(format, CultureInfo.InvariantCulture)} / {values.InApp.Mean.ToString(format, CultureInfo.InvariantCulture)})");

    public static string Percent(Estimate estimate) => Value(estimate with { Mean = estimate.Mean * 100, Sd = estimate.Sd * 100 }, "0.0") + "%";

    /// <summary>The mean opt-out scale of the silo's plans per week of the trial, push / email.</summary>
    public static string Scales(IEnumerable<Trial.ScaleSum> weeks) => string.Join(", ", weeks.Select(w => string.Create(
        CultureInfo.InvariantCulture, $"{w.Mean.Push:0.00} / {w.Mean.Email:0.00}")));

    public static string Count(long count) => count.ToString("N0", CultureInfo.InvariantCulture);
}
