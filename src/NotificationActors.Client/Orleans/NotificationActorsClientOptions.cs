namespace NotificationActors.Client.Orleans;

/// <summary>How to reach a NotificationActors cluster's gateways.</summary>
public sealed class NotificationActorsClientOptions
{
    /// <summary>The cluster and service id the silos run with ("notification-actors" for a silo started by <c>run</c>).</summary>
    public string ClusterId { get; set; } = "notification-actors";

    /// <summary>Gateway port of a silo on this machine (the embedded deployment); <c>run</c>'s default is 30000.</summary>
    public int GatewayPort { get; set; } = 30000;
}
