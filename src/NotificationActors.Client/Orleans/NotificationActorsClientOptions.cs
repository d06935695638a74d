using NotificationActors.Abstractions.Cluster;

namespace NotificationActors.Client.Orleans;

/// <summary>
/// How the Orleans client finds and joins a NotificationActors cluster. <c>AddNotificationActorsClient</c> reads the
/// <see cref="Section"/> configuration section first, then applies its delegate. The gateways come from, in order:
/// the silos' membership (<see cref="UseClustering"/>, which <c>UsePostgresClustering</c> and <c>UseAzureClustering</c>
/// of the provider packages call), a static list (<see cref="Gateways"/>), or the silo on this machine
/// (<see cref="GatewayPort"/>).
/// </summary>
public sealed class NotificationActorsClientOptions
{
    /// <summary>The configuration section the options are read from.</summary>
    public const string Section = "NotificationActors:Client";

    /// <summary>The cluster id a silo started by <c>run</c> uses unless told otherwise (<c>--cluster-id</c>).</summary>
    public const string DefaultClusterId = ClusterIds.Default;

    /// <summary>The gateway port a silo started by <c>run</c> uses unless told otherwise (<c>--gateway-port</c>).</summary>
    public const int DefaultGatewayPort = 30000;

    /// <summary>How long <c>StartAsync</c> keeps trying to reach a gateway unless told otherwise.</summary>
    public static readonly TimeSpan DefaultConnectTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The cluster (and service) id the silos run with; a client joins only silos of the same id.</summary>
    public string ClusterId { get; set; } = DefaultClusterId;

    /// <summary>Gateway port of the one silo on this machine (the embedded deployment), used when neither the silos'
    /// membership nor <see cref="Gateways"/> is given.</summary>
    public int GatewayPort { get; set; } = DefaultGatewayPort;

    /// <summary>
    /// A static gateway list, each an IP address and port such as <c>10.0.0.5:30000</c> (<c>[::1]:30000</c> for IPv6):
    /// the silos' <c>--advertise</c> address and <c>--gateway-port</c>. The client uses whichever of them answer.
    /// </summary>
    public IList<string> Gateways { get; } = new List<string>();

    /// <summary>
    /// How long starting the client keeps trying to reach a gateway (retrying about every second) before it fails
    /// with a <see cref="TimeoutException"/> naming the cluster and what it tried; an attempt under way when the time
    /// runs out is finished first. Calls after the start fail over between gateways as Orleans does.
    /// </summary>
    public TimeSpan ConnectTimeout { get; set; } = DefaultConnectTimeout;

    internal ClusterMembership? Membership { get; private set; }

    /// <summary>
    /// Finds the gateways in the silos' membership: <paramref name="configure"/> puts Orleans' gateway list provider on
    /// the client; <paramref name="description"/> says where they are listed, as the error of a failed start shows it
    /// ("through the gateways listed in PostgreSQL database 'na' on db:5432"; it is logged, so it holds no secret).
    /// </summary>
    public NotificationActorsClientOptions UseClustering(string description, Action<IClientBuilder> configure)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(description);
        ArgumentNullException.ThrowIfNull(configure);
        Membership = new ClusterMembership(description, configure);
        return this;
    }
}
