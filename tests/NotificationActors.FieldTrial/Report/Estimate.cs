namespace NotificationActors.FieldTrial.Report;

/// <summary>A metric across seeds: its mean, and the standard deviation between seeds (null with one seed).</summary>
internal sealed record Estimate(double Mean, double? Sd)
{
    public static Estimate Of(IReadOnlyCollection<double> values)
    {
        var mean = values.Average();
        double? sd = values.Count < 2 ? null : Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
        return new Estimate(mean, sd);
    }
}
