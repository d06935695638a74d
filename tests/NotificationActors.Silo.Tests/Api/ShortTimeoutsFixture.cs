namespace NotificationActors.Silo.Tests.Api;

/// <summary>The silo with 2 s connection timeouts, so that tests see idle and slow connections reclaimed quickly.</summary>
public sealed class ShortTimeoutsFixture() : ApiFixture(
[
    "--NotificationActors:Connections:KeepAliveTimeout=00:00:02",
    "--NotificationActors:Connections:RequestHeadersTimeout=00:00:02",
    "--NotificationActors:Connections:MinRequestBodyGracePeriod=00:00:02",
]);
