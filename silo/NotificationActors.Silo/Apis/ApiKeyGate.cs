using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using NotificationActors.Silo.Hosting;

namespace NotificationActors.Silo.Apis;

/// <summary>
/// With API keys configured, a call to /v1 or /dashboard without a known key is a 401 and changes nothing. The key
/// comes as <c>Authorization: Bearer &lt;key&gt;</c>, or for a browser on the dashboards as the cookie set by
/// <c>/dashboard/login?key=...</c>.
/// </summary>
internal static class ApiKeyGate
{
    private const string Cookie = "na_api_key";

    public static IApplicationBuilder UseApiKeys(this IApplicationBuilder app) =>
        app.UseWhen(context => context.Request.Path.StartsWithSegments("/v1") || context.Request.Path.StartsWithSegments("/dashboard"), branch => branch.Use(async (context, next) =>
        {
            var keys = context.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value.ApiKeys;
            if (keys.Count == 0 || Presented(context.Request) is { } key && keys.Any(k => FixedTimeEquals(k, key)))
            {
                await next(context);
                return;
            }

            if (context.Request.Path == "/dashboard/login" && context.Request.Query["key"].ToString() is { Length: > 0 } login && keys.Any(k => FixedTimeEquals(k, login)))
            {
                context.Response.Cookies.Append(Cookie, login, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, Path = "/dashboard" });
                context.Response.Redirect("/dashboard");
                return;
            }

            await TypedResults.Problem(
                "Send Authorization: Bearer <key> with a configured API key.",
                statusCode: StatusCodes.Status401Unauthorized,
                title: "A valid API key is required.").ExecuteAsync(context);
        }));

    private static string? Presented(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim()
            : request.Path.StartsWithSegments("/dashboard") ? request.Cookies[Cookie]
            : null;
    }

    // Constant time, so response timing does not reveal how much of a key matched.
    private static bool FixedTimeEquals(string expected, string presented) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(presented));
}
