using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using NotificationActors.Silo.OpenApi;

namespace NotificationActors.Silo.Security;

/// <summary>
/// A browser's session on the dashboards and the API explorer: an ASP.NET Core authentication cookie, signed and
/// encrypted with Data Protection, that records the fingerprint of the key it was issued for and never the key. It
/// holds only while that key is configured, and counts only on the pages <see cref="Admits"/> names.
/// </summary>
internal static class DashboardSession
{
    /// <summary>The authentication scheme.</summary>
    public const string Scheme = "DashboardSession";

    /// <summary>The cookie's name.</summary>
    public const string Cookie = "na_dashboard";

    /// <summary>The dashboards, where a login lands.</summary>
    public const string Path = "/dashboard";

    /// <summary>The login form (GET) and where it posts.</summary>
    public const string LoginPath = "/dashboard/login";

    /// <summary>Ends the session (POST).</summary>
    public const string LogoutPath = "/dashboard/logout";

    private const string KeyClaim = "notification-actors/api-key-fingerprint";

    // Where the session stands in for the key: the dashboards, and the explorer with the document it loads. The
    // cookie goes with every path of the site (one cookie cannot name several), so the gate reads it on these only.
    private static readonly PathString[] SessionPaths = [Path, ApiReference.ExplorerPath, ApiReference.DocumentPath];

    /// <summary>Whether a session opens <paramref name="path"/>; never the API or the scrape.</summary>
    public static bool Admits(PathString path) => SessionPaths.Any(path.StartsWithSegments);

    /// <summary>The principal of a session issued for the key with <paramref name="fingerprint"/>.</summary>
    public static ClaimsPrincipal For(string fingerprint) => new(new ClaimsIdentity([new Claim(KeyClaim, fingerprint)], Scheme));

    public static void Configure(CookieAuthenticationOptions cookie, DashboardSessionOptions options)
    {
        cookie.Cookie.Name = Cookie;
        cookie.Cookie.Path = "/";
        cookie.Cookie.HttpOnly = true;
        cookie.Cookie.SameSite = SameSiteMode.Strict;
        cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        cookie.ExpireTimeSpan = options.IdleTimeout;
        cookie.SlidingExpiration = true;
        cookie.Events.OnValidatePrincipal = EndIfKeyRemovedAsync;
    }

    // Removing a key from configuration ends the sessions it opened, at their next request.
    private static Task EndIfKeyRemovedAsync(CookieValidatePrincipalContext context)
    {
        var keys = context.HttpContext.RequestServices.GetRequiredService<ApiKeyRing>();
        if (context.Principal?.FindFirst(KeyClaim)?.Value is { } fingerprint && keys.IsConfigured(fingerprint))
        {
            return Task.CompletedTask;
        }

        context.RejectPrincipal();
        return context.HttpContext.SignOutAsync(Scheme);
    }
}
