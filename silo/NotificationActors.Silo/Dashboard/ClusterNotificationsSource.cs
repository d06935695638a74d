namespace NotificationActors.Silo.Dashboard;

/// <summary>
/// The notifications page's frames: this silo's counts as of now and the other active silos' as they last reported
/// them to <see cref="INotificationStatsGrain"/>, with their sum. While that grain cannot answer (its silo just
/// went and it has not activated elsewhere yet), the frame holds this silo's row alone rather than failing the page.
/// </summary>
internal sealed class ClusterNotificationsSource(NotificationStats stats, IGrainFactory grains, ILocalSiloDetails local, IClusterMembershipService membership, TimeProvider time)
{
    /// <summary>How long a frame waits for the other silos' reports: about a frame's interval.</summary>
    public static readonly TimeSpan ReportsTimeout = TimeSpan.FromSeconds(2);

    public async Task<ClusterNotifications> ReadAsync()
    {
        IReadOnlyList<SiloNotifications> reported;
        try
        {
            reported = await grains.GetGrain<INotificationStatsGrain>(INotificationStatsGrain.Key).GetAsync().AsTask().WaitAsync(ReportsTimeout, time);
        }
        catch (Exception unavailable) when (unavailable is TimeoutException or OrleansException)
        {
            reported = [];
        }

        var own = NotificationStatsReporter.Report(stats, local);

        // A silo that left membership drops out at once rather than after its reports go stale.
        var active = membership.CurrentSnapshot.Members.Values.Where(m => m.Status == SiloStatus.Active)
            .Select(m => m.SiloAddress.ToParsableString()).ToHashSet(StringComparer.Ordinal);
        var silos = reported.Where(r => r.Silo != own.Silo && active.Contains(r.Silo)).Append(own).OrderBy(r => r.Endpoint, StringComparer.Ordinal).ToArray();
        return ClusterNotifications.Combine(time.GetUtcNow(), silos);
    }
}
