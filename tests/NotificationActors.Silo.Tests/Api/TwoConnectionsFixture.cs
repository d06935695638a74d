namespace NotificationActors.Silo.Tests.Api;

/// <summary>The silo serving two connections at once, keeping idle ones far longer than a test waits.</summary>
public sealed class TwoConnectionsFixture() : ApiFixture(
[
    "--NotificationActors:Connections:MaxConcurrentConnections=2",
    "--NotificationActors:Connections:KeepAliveTimeout=00:05:00",
]);
