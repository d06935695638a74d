using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace NotificationActors.Silo.Security;

/// <summary>
/// A browser's session on the dashboards: an ASP.NET Core authentication cookie, signed and encrypted with Data
/// Protection, that records the fingerprint of the key it was issued for and never the key. It holds only while
/// that key is configured.
/// </summary>
internal static class DashboardSession
{
    /// <summary>The authentication scheme.</summary>
    public const string Scheme = "DashboardSession";

    /// <summary>The cookie's name.</summary>
    public const string Cookie = "na_dashboard";

    /// <summary>Where the cookie is sent, and the only place it counts.</summary>
    public const string Path = "/dashboard";

    /// <summary>The login form (GET) and where it posts.</summary>
    public const string LoginPath = "/dashboard/login";

    /// <summary>Ends the session (POST).</summary>
    public const string LogoutPath = "/dashboard/logout";

    private const string KeyClaim = "notification-actors/api-key-fingerprint";

    /// <summary>The principal of a session issued for the key with <paramref name="fingerprint"/>.</summary>
    public static ClaimsPrincipal For(string fingerprint) => new(new ClaimsIdentity([new Claim(KeyClaim, fingerprint)], Scheme));

    public static void Configure(CookieAuthenticationOptions cookie, DashboardSessionOptions options)
    {
        cookie.Cookie.Name = Cookie;
        cookie.Cookie.Path = Path;
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
