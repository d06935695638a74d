namespace NotificationActors.Silo.Dashboard;

/// <summary>
/// The notifications page's frames: this silo's counts as of now and the other active silos' as they last reported
/// them to <see cref="INotificationStatsGrain"/>, with their sum.
/// </summary>
internal sealed class ClusterNotificationsSource(NotificationStats stats, IGrainFactory grains, ILocalSiloDetails local, IClusterMembershipService membership, TimeProvider time)
{
    public async Task<ClusterNotifications> ReadAsync()
    {
        var reported = await grains.GetGrain<INotificationStatsGrain>(INotificationStatsGrain.Key).GetAsync();
        var own = NotificationStatsReporter.Report(stats, local);

        // A silo that left membership drops out at once rather than after its reports go stale.
        var active = membership.CurrentSnapshot.Members.Values.Where(m => m.Status == SiloStatus.Active)
            .Select(m => m.SiloAddress.ToParsableString()).ToHashSet(StringComparer.Ordinal);
        var silos = reported.Where(r => r.Silo != own.Silo && active.Contains(r.Silo)).Append(own).OrderBy(r => r.Endpoint, StringComparer.Ordinal).ToArray();
        return ClusterNotifications.Combine(time.GetUtcNow(), silos);
    }
}
