namespace NotificationActors.Lab.Charts;

/// <summary>
/// One series of a chart: a name and a value per category (or per x), with an optional 95% interval each (given only
/// where there are several seeds); <paramref name="Yardstick"/> marks a reference level rather than an arm.
/// </summary>
internal sealed record ChartSeries(string Name, IReadOnlyList<double> Values, IReadOnlyList<double[]?>? Intervals = null, bool Yardstick = false);
