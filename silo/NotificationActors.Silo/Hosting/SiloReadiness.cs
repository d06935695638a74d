namespace NotificationActors.Silo.Hosting;

/// <summary>
/// Tracks whether the silo has reached the Active lifecycle stage and not yet begun to stop, which is what
/// <c>GET /healthz</c> reports and part of what <c>/health/ready</c> checks: a load balancer should send traffic only to an active silo.
/// </summary>
internal sealed class SiloReadiness : ILifecycleParticipant<ISiloLifecycle>
{
    private volatile bool _active;

    /// <summary>Whether the silo is active.</summary>
    public bool IsActive => _active;

    /// <inheritdoc />
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(
            nameof(SiloReadiness),
            ServiceLifecycleStage.Active,
            _ =>
            {
                _active = true;
                return Task.CompletedTask;
            },
            _ =>
            {
                _active = false;
                return Task.CompletedTask;
            });
}
