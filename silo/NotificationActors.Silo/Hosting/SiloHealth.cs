using Microsoft.Extensions.Diagnostics.HealthChecks;
using NotificationActors.Silo.Health;
using NotificationActors.Storage;

namespace NotificationActors.Silo.Hosting;

/// <summary>
/// ASP.NET Core health checks of the silo (docs/api.md, Health): readiness is the store answering, by a check per
/// storage deployment, and the silo active in the membership; liveness runs no check (the process answers).
/// </summary>
internal static class SiloHealth
{
    /// <summary>The tag of the checks <c>/health/ready</c> runs.</summary>
    public const string Ready = "ready";

    /// <summary>The store's check.</summary>
    public const string StoreCheck = "store";

    /// <summary>The membership check.</summary>
    public const string MembershipCheck = "membership";

    /// <summary>How long a check may take before it counts as failed: a probe must answer within its own timeout.</summary>
    public static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(5);

    public static void AddSiloHealthChecks(this WebApplicationBuilder builder, SiloSettings settings)
    {
        var checks = builder.Services.AddHealthChecks()
            .AddCheck<SiloMembershipHealthCheck>(MembershipCheck, tags: [Ready], timeout: CheckTimeout);
        AddStoreCheck(checks, settings.Storage, settings.Location);
    }

    // The store is checked through its own client, as its deployment says (none for memory storage).
    private static void AddStoreCheck(IHealthChecksBuilder checks, StorageDeployment storage, StorageLocation location)
    {
        if (storage.HealthCheck(location) is { } store)
        {
            checks.Add(new HealthCheckRegistration(StoreCheck, _ => store, null, [Ready], CheckTimeout));
        }
    }
}
