using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using NotificationActors.Silo.Apis;
using NotificationActors.Silo.Hosting;
using NotificationActors.Silo.OpenApi;

namespace NotificationActors.Silo.Security;

/// <summary>
/// With API keys configured, every request needs <c>Authorization: Bearer &lt;key&gt;</c>, so an endpoint added later is
/// closed until it is listed here. Open: <c>/healthz</c>, <c>/health/live</c> and <c>/health/ready</c>, the dashboard's
/// login and logout, <c>/metrics</c> when configured public, and <c>/openapi</c> with <c>/scalar</c> when configured
/// public. On <c>/dashboard</c>, <c>/scalar</c> and <c>/openapi</c> a session from the login form also counts; on
/// <c>/v1</c> only the bearer key does. A refused request is a 401 and reaches no endpoint. A key in the URL counts
/// nowhere.
/// </summary>
internal static class ApiKeyGate
{
    private const string BearerPrefix = "Bearer ";

    public static IApplicationBuilder UseApiKeys(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var keys = context.RequestServices.GetRequiredService<ApiKeyRing>();
        if (!keys.Enabled || IsOpen(context) || HasBearerKey(context.Request, keys) || await HasDashboardSessionAsync(context))
        {
            await next(context);
            return;
        }

        context.Response.Headers.WWWAuthenticate = "Bearer";
        await TypedResults.Problem(
            DashboardSession.Admits(context.Request.Path)
                ? $"Log in at {DashboardSession.LoginPath}, or send Authorization: Bearer <key> with a configured API key."
                : "Send Authorization: Bearer <key> with a configured API key.",
            statusCode: StatusCodes.Status401Unauthorized,
            title: "A valid API key is required.").ExecuteAsync(context);
    });

    private static bool IsOpen(HttpContext context)
    {
        var path = context.Request.Path;
        var options = context.RequestServices.GetRequiredService<IOptionsMonitor<ApiOptions>>().CurrentValue;
        return path.Equals("/healthz", StringComparison.OrdinalIgnoreCase)
            || path.StartsWithSegments(HealthApi.Prefix)
            || path.Equals(DashboardSession.LoginPath, StringComparison.OrdinalIgnoreCase)
            || path.Equals(DashboardSession.LogoutPath, StringComparison.OrdinalIgnoreCase)
            || options.PublicMetrics && path.StartsWithSegments("/metrics")
            || options.PublicOpenApi && (path.StartsWithSegments(ApiReference.DocumentPath) || path.StartsWithSegments(ApiReference.ExplorerPath));
    }

    private static bool HasBearerKey(HttpRequest request, ApiKeyRing keys)
    {
        var header = request.Headers[HeaderNames.Authorization].ToString();
        return header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase) && keys.Match(header[BearerPrefix.Length..].Trim()) is not null;
    }

    // The cookie is read on the pages a browser opens only: it must never stand in for the key on the API or the scrape.
    private static async Task<bool> HasDashboardSessionAsync(HttpContext context) =>
        DashboardSession.Admits(context.Request.Path) && (await context.AuthenticateAsync(DashboardSession.Scheme)).Succeeded;
}
