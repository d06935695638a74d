using Microsoft.AspNetCore.Http.HttpResults;
using Orleans.Runtime;

namespace NotificationActors.Silo.Apis;

/// <summary><c>GET /v1/cluster</c> (silos, status, activations, this silo) and <c>POST /v1/admin/clock</c>.</summary>
internal static class ClusterApi
{
    public static IEndpointRouteBuilder MapClusterApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/cluster", GetCluster).WithTags("Cluster").Produces<ClusterView>();
        app.MapPost("/v1/admin/clock", AdvanceClock).WithTags("Cluster").ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<IResult> GetCluster(IGrainFactory grains, ILocalSiloDetails local)
    {
        var management = grains.GetGrain<IManagementGrain>(0);
        var hosts = await management.GetDetailedHosts(onlyActive: false);
        var active = hosts.Where(h => h.Status == SiloStatus.Active).Select(h => h.SiloAddress).ToArray();
        var statistics = active.Length == 0 ? [] : await management.GetRuntimeStatistics(active);
        var activations = active.Zip(statistics).ToDictionary(p => p.First, p => p.Second.ActivationCount);
        return TypedResults.Ok(new ClusterView(
            local.SiloAddress.ToParsableString(),
            hosts.Select(h => new SiloView(
                h.SiloAddress.ToParsableString(),
                h.SiloName,
                h.Status.ToString().ToLowerInvariant(),
                h.SiloAddress.Endpoint.ToString(),
                activations.GetValueOrDefault(h.SiloAddress))).ToArray()));
    }

    // The simulated clock is not in this build: the endpoint exists so callers get api.md's 404, not a routing miss.
    private static ProblemHttpResult AdvanceClock() =>
        TypedResults.Problem("This silo runs with the system clock; /v1/admin/clock needs --clock simulated.", statusCode: StatusCodes.Status404NotFound);
}

/// <summary>The cluster as this silo sees it.</summary>
internal sealed record ClusterView(string ThisSilo, IReadOnlyList<SiloView> Silos);

/// <summary>One silo of the cluster.</summary>
internal sealed record SiloView(string Id, string Name, string Status, string Address, int Activations);
