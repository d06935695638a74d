namespace NotificationActors.Silo.Dashboard;

/// <summary>Sends this silo's counts to the cluster's <see cref="INotificationStatsGrain"/> every <see cref="Interval"/>.</summary>
internal sealed partial class NotificationStatsReporter(NotificationStats stats, IGrainFactory grains, ILocalSiloDetails local, ILogger<NotificationStatsReporter> logger)
    : BackgroundService
{
    /// <summary>How often a silo reports; other silos' pages lag this silo's counts by up to this much.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var grain = grains.GetGrain<INotificationStatsGrain>(INotificationStatsGrain.Key);
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                await grain.ReportAsync(Report(stats, local));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The next tick tries again: the page only misses this silo's latest counts meanwhile.
                LogReportFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>This silo's counts as the cluster sees them.</summary>
    public static SiloNotifications Report(NotificationStats stats, ILocalSiloDetails local) =>
        new(local.SiloAddress.ToParsableString(), local.SiloAddress.Endpoint.ToString(), stats.Snapshot());

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not report this silo's notification counts to the cluster; retrying at the next interval")]
    private static partial void LogReportFailed(ILogger logger, Exception exception);
}
