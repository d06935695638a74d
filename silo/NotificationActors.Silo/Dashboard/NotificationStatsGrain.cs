namespace NotificationActors.Silo.Dashboard;

/// <summary>Holds each silo's latest report in memory; reports older than <see cref="StaleAfter"/> are left out.</summary>
internal sealed class NotificationStatsGrain(TimeProvider time) : Grain, INotificationStatsGrain
{
    /// <summary>A silo silent this long is gone (a stopped silo also leaves membership, which the page checks first).</summary>
    public static readonly TimeSpan StaleAfter = NotificationStatsReporter.Interval * 10;

    private readonly Dictionary<string, (SiloNotifications Report, DateTimeOffset Received)> _reports = new(StringComparer.Ordinal);

    public ValueTask ReportAsync(SiloNotifications report)
    {
        _reports[report.Silo] = (report, time.GetUtcNow());
        return ValueTask.CompletedTask;
    }

    public ValueTask<IReadOnlyList<SiloNotifications>> GetAsync()
    {
        var oldest = time.GetUtcNow() - StaleAfter;
        foreach (var silo in _reports.Where(r => r.Value.Received < oldest).Select(r => r.Key).ToArray()) _reports.Remove(silo);
        return ValueTask.FromResult<IReadOnlyList<SiloNotifications>>([.. _reports.Values.Select(r => r.Report).OrderBy(r => r.Endpoint, StringComparer.Ordinal)]);
    }
}
