namespace NotificationActors.Silo.Dashboard;

/// <summary>Registers what the notifications page needs on a silo.</summary>
internal static class NotificationsPageSiloBuilderExtensions
{
    /// <summary>
    /// This silo's counts (<see cref="NotificationStats"/>), its reports to the cluster's
    /// <see cref="INotificationStatsGrain"/> and the page's frames. Registered in the silo's configuration, so the
    /// reporter starts after the silo does.
    /// </summary>
    public static ISiloBuilder AddNotificationsPage(this ISiloBuilder silo)
    {
        silo.Services.AddSingleton<NotificationStats>();
        silo.Services.AddSingleton<ClusterNotificationsSource>();
        silo.Services.AddHostedService<NotificationStatsReporter>();
        return silo;
    }
}
