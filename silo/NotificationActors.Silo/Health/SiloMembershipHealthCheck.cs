using Microsoft.Extensions.Diagnostics.HealthChecks;
using NotificationActors.Silo.Hosting;

namespace NotificationActors.Silo.Health;

/// <summary>
/// The silo is active: its lifecycle has reached Active and not begun to stop (<see cref="SiloReadiness"/>), and the
/// cluster's membership, as this silo reads it, lists it as Active (not joining, shutting down or declared dead).
/// </summary>
internal sealed class SiloMembershipHealthCheck(SiloReadiness readiness, IClusterMembershipService membership, ILocalSiloDetails silo) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = membership.CurrentSnapshot.GetSiloStatus(silo.SiloAddress);
        return Task.FromResult(
            !readiness.IsActive ? new HealthCheckResult(context.Registration.FailureStatus, "The silo is not active (starting or stopping).")
            : status != SiloStatus.Active ? new HealthCheckResult(context.Registration.FailureStatus, $"The membership lists this silo as {status}.")
            : HealthCheckResult.Healthy("The silo is active in the membership."));
    }
}
