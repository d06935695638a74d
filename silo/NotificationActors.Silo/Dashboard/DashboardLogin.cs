using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using NotificationActors.Silo.Security;

namespace NotificationActors.Silo.Dashboard;

/// <summary>
/// A browser logs in to the dashboards by posting a configured API key through the form at <c>/dashboard/login</c>,
/// which opens a <see cref="DashboardSession"/>; <c>POST /dashboard/logout</c> ends it. A key is never taken from
/// the URL, where logs and browser history keep it.
/// </summary>
/// <remarks>
/// No antiforgery token: a forged login can only sign a browser in with a key the forger already holds, to the same
/// dashboards every key sees, and a forged logout only logs a browser out. The session cookie is SameSite=Strict, so
/// no other site's request carries it.
/// </remarks>
internal static partial class DashboardLogin
{
    /// <summary>The media type the login form posts.</summary>
    public const string Form = "application/x-www-form-urlencoded";

    private const string KeyField = "key";

    public static IEndpointRouteBuilder MapDashboardLogin(this IEndpointRouteBuilder app)
    {
        app.MapGet(DashboardSession.LoginPath, ShowForm).ExcludeFromDescription();
        app.MapPost(DashboardSession.LoginPath, LogInAsync).DisableAntiforgery().ExcludeFromDescription();
        app.MapPost(DashboardSession.LogoutPath, LogOutAsync).DisableAntiforgery().ExcludeFromDescription();
        return app;
    }

    private static IResult ShowForm(HttpContext context, ApiKeyRing keys) =>
        KeyInUrl(context) ?? (keys.Enabled ? LoginPage.Result(context.Response, StatusCodes.Status200OK) : SeeOther(context, DashboardSession.Path));

    private static async Task<IResult> LogInAsync(HttpContext context, [FromForm(Name = KeyField)] string? key, ApiKeyRing keys, ILoggerFactory loggers)
    {
        if (KeyInUrl(context) is { } refused) return refused;
        if (!keys.Enabled) return SeeOther(context, DashboardSession.Path);
        var log = loggers.CreateLogger(typeof(DashboardLogin));
        if (keys.Match(key?.Trim() ?? "") is not { } fingerprint)
        {
            LogRefused(log, context.Connection.RemoteIpAddress);
            return LoginPage.Result(context.Response, StatusCodes.Status401Unauthorized, "That key is not a configured API key.");
        }

        await context.SignInAsync(DashboardSession.Scheme, DashboardSession.For(fingerprint));
        LogSignedIn(log, context.Connection.RemoteIpAddress);
        return SeeOther(context, DashboardSession.Path);
    }

    private static async Task LogOutAsync(HttpContext context)
    {
        await context.SignOutAsync(DashboardSession.Scheme);
        await SeeOther(context, DashboardSession.LoginPath).ExecuteAsync(context);
    }

    // A 400 with the form rather than a login, so an old ?key= bookmark shows what to do instead.
    private static IResult? KeyInUrl(HttpContext context) => context.Request.Query.ContainsKey(KeyField)
        ? LoginPage.Result(context.Response, StatusCodes.Status400BadRequest, "Keys are not accepted in URLs, which logs and browser history keep: enter the key here.")
        : null;

    private static StatusCodeHttpResult SeeOther(HttpContext context, string location)
    {
        context.Response.Headers.Location = location;
        return TypedResults.StatusCode(StatusCodes.Status303SeeOther);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "A dashboard session began for {Remote}.")]
    private static partial void LogSignedIn(ILogger logger, System.Net.IPAddress? remote);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A dashboard login from {Remote} was refused: the key is not configured.")]
    private static partial void LogRefused(ILogger logger, System.Net.IPAddress? remote);
}
