namespace NotificationActors.Silo.Dashboard;

/// <summary>One silo's counts as it last reported them.</summary>
/// <param name="Silo">The silo's address (Orleans' parsable form).</param>
/// <param name="Endpoint">The silo's endpoint, for people.</param>
/// <param name="Counts">Its counts since it started.</param>
[GenerateSerializer, Immutable]
internal sealed record SiloNotifications([property: Id(0)] string Silo, [property: Id(1)] string Endpoint, [property: Id(2)] NotificationSnapshot Counts);
