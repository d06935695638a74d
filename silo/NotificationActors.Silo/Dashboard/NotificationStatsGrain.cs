namespace NotificationActors.Silo.Dashboard;

/// <summary>
/// Holds each silo's latest report in memory. A report older than <see cref="StaleAfter"/> is dropped as the next one
/// arrives, whether or not anyone reads, so restarted silos (each a new address) leave nothing behind; at most
/// <see cref="MaxSilos"/> are held.
/// </summary>
internal sealed class NotificationStatsGrain(TimeProvider time) : Grain, INotificationStatsGrain
{
    /// <summary>A silo silent this long is gone (a stopped silo also leaves membership, which the page checks first).</summary>
    public static readonly TimeSpan StaleAfter = NotificationStatsReporter.Interval * 10;

    /// <summary>Most silos whose reports are held; past it the oldest report goes.</summary>
    public const int MaxSilos = 1_000;

    private readonly Dictionary<string, (SiloNotifications Report, DateTimeOffset Received)> _reports = new(StringComparer.Ordinal);

    public ValueTask ReportAsync(SiloNotifications report)
    {
        var now = time.GetUtcNow();
        _reports[report.Silo] = (report, now);
        foreach (var silo in _reports.Where(r => r.Value.Received < now - StaleAfter).Select(r => r.Key).ToArray()) _reports.Remove(silo);
        if (_reports.Count > MaxSilos)
        {
            _reports.Remove(_reports.MinBy(r => r.Value.Received).Key);
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<IReadOnlyList<SiloNotifications>> GetAsync()
    {
        var oldest = time.GetUtcNow() - StaleAfter;
        return ValueTask.FromResult<IReadOnlyList<SiloNotifications>>(
            [.. _reports.Values.Where(r => r.Received >= oldest).Select(r => r.Report).OrderBy(r => r.Endpoint, StringComparer.Ordinal)]);
    }
}
