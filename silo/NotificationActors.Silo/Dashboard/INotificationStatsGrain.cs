namespace NotificationActors.Silo.Dashboard;

/// <summary>
/// The cluster's notification counts: every silo reports its own every few seconds, and each silo's notifications
/// page reads them all. One activation (key <see cref="Key"/>) holds the reports in memory only: if its silo goes,
/// it activates elsewhere and fills again within one report interval.
/// </summary>
internal interface INotificationStatsGrain : IGrainWithIntegerKey
{
    /// <summary>The one activation's key.</summary>
    public const long Key = 0;

    /// <summary>Keeps <paramref name="report"/> as its silo's latest counts.</summary>
    ValueTask ReportAsync(SiloNotifications report);

    /// <summary>Each silo's latest counts, leaving out silos that stopped reporting; changes nothing.</summary>
    [Orleans.Concurrency.ReadOnly]
    ValueTask<IReadOnlyList<SiloNotifications>> GetAsync();
}
