using System.Runtime.CompilerServices;
using NotificationActors.Silo.Security;
using Orleans.Dashboard;

namespace NotificationActors.Silo.Dashboard;

/// <summary>
/// The Orleans Dashboard at <c>/dashboard</c> and the notifications page at <c>/dashboard/notifications</c>, which
/// gets live frames over server-sent events, and the login form for browsers when API keys are set. All are
/// self-contained: no CDN, they work without internet.
/// </summary>
internal static class DashboardApi
{
    private static readonly TimeSpan FrameInterval = TimeSpan.FromSeconds(1);

    public static IEndpointRouteBuilder MapDashboards(this IEndpointRouteBuilder app)
    {
        app.MapGet("/dashboard/notifications", () => TypedResults.Content(NotificationsPage.Html, "text/html; charset=utf-8")).ExcludeFromDescription();
        app.MapGet("/dashboard/notifications/events", (NotificationStats stats, CancellationToken cancellationToken) =>
            TypedResults.ServerSentEvents(Frames(stats, cancellationToken), eventType: "snapshot")).ExcludeFromDescription();
        app.MapGet("/dashboard/notifications/snapshot", (NotificationStats stats) => TypedResults.Ok(stats.Snapshot())).ExcludeFromDescription();
        app.MapOrleansDashboard(DashboardSession.Path);
        app.MapDashboardLogin();
        return app;
    }

    private static async IAsyncEnumerable<NotificationSnapshot> Frames(NotificationStats stats, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(FrameInterval);
        do
        {
            yield return stats.Snapshot();
        }
        while (await timer.WaitForNextTickAsync(cancellationToken));
    }
}
