using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.HttpResults;
using NotificationActors.Silo.Health;
using NotificationActors.Silo.Hosting;

namespace NotificationActors.Silo.Apis;

/// <summary>
/// The health routes (docs/api.md, Health), open without a key and outside the OpenAPI document: <c>/health/live</c>
/// (the process answers), <c>/health/ready</c> (the store answers and the silo is active in the membership), and
/// <c>/healthz</c>, kept as it was: 200 when the silo is active, 503 otherwise.
/// </summary>
internal static class HealthApi
{
    /// <summary>The prefix of the ASP.NET Core health-check routes.</summary>
    public const string Prefix = "/health";

    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", GetHealth).WithName("GetHealth").ExcludeFromDescription();
        app.MapHealthChecks($"{Prefix}/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = HealthResponse.WriteAsync })
            .ExcludeFromDescription();
        app.MapHealthChecks($"{Prefix}/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(SiloHealth.Ready), ResponseWriter = HealthResponse.WriteAsync })
            .ExcludeFromDescription();
        return app;
    }

    private static Results<Ok<string>, ProblemHttpResult> GetHealth(SiloReadiness readiness) =>
        readiness.IsActive
            ? TypedResults.Ok("active")
            : TypedResults.Problem("The silo is not active.", statusCode: StatusCodes.Status503ServiceUnavailable);
}
