namespace NotificationActors.Client.Orleans;

/// <summary>Where a client finds the cluster's gateways: what to say of it, and how to put it on the client.</summary>
internal sealed record ClusterMembership(string Description, Action<IClientBuilder> Configure);
