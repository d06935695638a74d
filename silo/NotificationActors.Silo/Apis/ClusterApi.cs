using System.Xml;
using NotificationActors.Silo.Clock;
using Orleans.Runtime;

namespace NotificationActors.Silo.Apis;

/// <summary><c>GET /v1/cluster</c> (silos, status, activations, this silo) and <c>POST /v1/admin/clock</c>.</summary>
internal static class ClusterApi
{
    public static IEndpointRouteBuilder MapClusterApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/cluster", GetCluster).WithTags("Cluster").Produces<ClusterView>()
            .WithName(nameof(GetCluster)).WithSummary("List the cluster's silos with status, address and activations");
        app.MapPost("/v1/admin/clock", AdvanceClock).WithTags("Cluster").Accepts<ClockRequest>("application/json")
            .Produces<ClockView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .WithName(nameof(AdvanceClock)).WithSummary("Move the simulated clock forward")
            .WithDescription("Only with --clock simulated (404 otherwise): advanceBy (an ISO 8601 duration) or to (an RFC 3339 time); returns once the reminders due by then have fired.");
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

    private static async Task<IResult> AdvanceClock(HttpRequest request, IServiceProvider services, CancellationToken cancellationToken)
    {
        if (services.GetService<SimulatedClock>() is not { } clock)
        {
            return TypedResults.Problem("This silo runs with the system clock; /v1/admin/clock needs --clock simulated.", statusCode: StatusCodes.Status404NotFound);
        }

        var (body, error) = await RequestBody.ReadAsync<ClockRequest>(request, cancellationToken);
        if (error is not null)
        {
            return error;
        }

        if ((body!.AdvanceBy is null) == (body.To is null))
        {
            return RequestBody.Invalid("advanceBy", "Give exactly one of advanceBy (an ISO 8601 duration such as P7D) or to (an RFC 3339 time).");
        }

        DateTimeOffset target;
        if (body.AdvanceBy is { } duration)
        {
            TimeSpan by;
            try
            {
                by = XmlConvert.ToTimeSpan(duration);
            }
            catch (FormatException)
            {
                return RequestBody.Invalid("advanceBy", $"'{duration}' is not an ISO 8601 duration such as P7D or PT6H.");
            }

            if (by < TimeSpan.Zero) return RequestBody.Invalid("advanceBy", "The clock never moves back.");
            target = clock.Now + by;
        }
        else
        {
            target = body.To!.Value;
            if (target < clock.Now) return RequestBody.Invalid("to", $"{target:O} is before the clock's {clock.Now:O}; the clock never moves back.");
        }

        return TypedResults.Ok(new ClockView(await clock.AdvanceToAsync(target, cancellationToken)));
    }
}

/// <summary>The body of <c>POST /v1/admin/clock</c>: one of the two.</summary>
internal sealed record ClockRequest(string? AdvanceBy, DateTimeOffset? To);

/// <summary>The simulated clock after a move.</summary>
internal sealed record ClockView(DateTimeOffset Now);

/// <summary>The cluster as this silo sees it.</summary>
internal sealed record ClusterView(string ThisSilo, IReadOnlyList<SiloView> Silos);

/// <summary>One silo of the cluster.</summary>
internal sealed record SiloView(string Id, string Name, string Status, string Address, int Activations);
