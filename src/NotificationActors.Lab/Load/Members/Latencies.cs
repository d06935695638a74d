namespace NotificationActors.Lab.Load.Members;

/// <summary>Percentiles of one kind of call's latencies in milliseconds, by nearest rank.</summary>
internal sealed record Latencies(double P50, double P95, double P99, double Max)
{
    public static Latencies Of(IEnumerable<double> milliseconds)
    {
        var sorted = milliseconds.Order().ToArray();
        return new Latencies(Rank(sorted, 0.50), Rank(sorted, 0.95), Rank(sorted, 0.99), sorted[^1]);
    }

    private static double Rank(double[] sorted, double share) =>
        sorted[Math.Clamp((int)Math.Ceiling(share * sorted.Length) - 1, 0, sorted.Length - 1)];
}
