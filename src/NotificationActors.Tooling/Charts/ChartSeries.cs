namespace NotificationActors.Tooling.Charts;

/// <summary>One series of a chart: a name and a value per category (or per x), with an optional 95% interval each.</summary>
internal sealed record ChartSeries(string Name, IReadOnlyList<double> Values, IReadOnlyList<double[]?>? Intervals = null);
