using Microsoft.AspNetCore.Http.HttpResults;
using NotificationActors.Silo.Hosting;

namespace NotificationActors.Silo.Apis;

/// <summary><c>GET /healthz</c>: 200 when the silo is active, 503 otherwise (docs/api.md).</summary>
internal static class HealthApi
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", GetHealth).WithName("GetHealth").ExcludeFromDescription();
        return app;
    }

    private static Results<Ok<string>, ProblemHttpResult> GetHealth(SiloReadiness readiness) =>
        readiness.IsActive
            ? TypedResults.Ok("active")
            : TypedResults.Problem("The silo is not active.", statusCode: StatusCodes.Status503ServiceUnavailable);
}
