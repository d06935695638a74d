namespace NotificationActors.Silo.Dashboard;

/// <summary>One frame of the notifications page: every silo's counts and their sum.</summary>
/// <param name="At">When the frame was made.</param>
/// <param name="Silos">Each active silo's latest counts.</param>
/// <param name="Total">Their sum; its series runs to the newest silo's last bucket.</param>
internal sealed record ClusterNotifications(DateTimeOffset At, IReadOnlyList<SiloNotifications> Silos, NotificationSnapshot Total)
{
    /// <summary>Sums <paramref name="silos"/>' counts, lining their series up by time.</summary>
    public static ClusterNotifications Combine(DateTimeOffset at, IReadOnlyList<SiloNotifications> silos)
    {
        var counts = silos.Select(s => s.Counts).ToArray();
        var newest = counts.Select(c => c.SeriesStart).DefaultIfEmpty(at).Max();
        var bucketSeconds = counts.Select(c => c.BucketSeconds).DefaultIfEmpty((long)NotificationStats.Bucket.TotalSeconds).First();
        var length = counts.Select(c => c.SendsOverTime.Values.Select(v => v.Length).DefaultIfEmpty(0).Max()).DefaultIfEmpty(0).Max();
        var series = new Dictionary<string, long[]>(StringComparer.Ordinal);
        foreach (var c in counts)
        {
            // A silo that read its counts a bucket earlier starts its series a bucket earlier.
            var shift = (int)((newest - c.SeriesStart).Ticks / TimeSpan.FromSeconds(bucketSeconds).Ticks);
            foreach (var (channel, points) in c.SendsOverTime)
            {
                var total = series.TryGetValue(channel, out var existing) ? existing : series[channel] = new long[length];
                for (var i = 0; i + shift < points.Length && i < length; i++) total[i] += points[i + shift];
            }
        }

        return new ClusterNotifications(at, silos, new NotificationSnapshot(
            at,
            newest,
            Sum(counts.Select(c => c.PlansByAction)),
            Sum(counts.Select(c => c.SendsByChannel)),
            Sum(counts.Select(c => c.Reasons)),
            Sum(counts.Select(c => c.OptOutsByChannel)),
            SumNested(counts.Select(c => c.Arms)),
            SumNested(counts.Select(c => c.Rankings)),
            series,
            bucketSeconds));
    }

    private static Dictionary<string, long> Sum(IEnumerable<IReadOnlyDictionary<string, long>> parts) =>
        parts.SelectMany(p => p).GroupBy(p => p.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(p => p.Value), StringComparer.Ordinal);

    private static Dictionary<string, Dictionary<string, long>> SumNested(IEnumerable<IReadOnlyDictionary<string, Dictionary<string, long>>> parts) =>
        parts.SelectMany(p => p).GroupBy(p => p.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => Sum(g.Select(p => (IReadOnlyDictionary<string, long>)p.Value)), StringComparer.Ordinal);
}
