using System.Runtime.CompilerServices;
using NotificationActors.Silo.Security;
using Orleans.Dashboard;

namespace NotificationActors.Silo.Dashboard;

/// <summary>
/// The Orleans Dashboard at <c>/dashboard</c> and the notifications page at <c>/dashboard/notifications</c>, which
/// gets live frames of the whole cluster's counts over server-sent events, and the login form for browsers when API
/// keys are set. Each links to the other. All are self-contained: no CDN, they work without internet.
/// </summary>
internal static class DashboardApi
{
    private static readonly TimeSpan FrameInterval = TimeSpan.FromSeconds(1);

    public static IEndpointRouteBuilder MapDashboards(this IEndpointRouteBuilder app)
    {
        app.MapGet("/dashboard/notifications", () => TypedResults.Content(NotificationsPage.Html, "text/html; charset=utf-8")).ExcludeFromDescription();
        app.MapGet("/dashboard/notifications/events", (ClusterNotificationsSource source, CancellationToken cancellationToken) =>
            TypedResults.ServerSentEvents(Frames(source, cancellationToken), eventType: "snapshot")).ExcludeFromDescription();
        app.MapGet("/dashboard/notifications/snapshot", async (ClusterNotificationsSource source) => TypedResults.Ok(await source.ReadAsync())).ExcludeFromDescription();
        app.MapOrleansDashboard(DashboardSession.Path);
        app.MapDashboardLogin();
        return app;
    }

    private static async IAsyncEnumerable<ClusterNotifications> Frames(ClusterNotificationsSource source, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(FrameInterval);
        do
        {
            yield return await source.ReadAsync();
        }
        while (await timer.WaitForNextTickAsync(cancellationToken));
    }
}
