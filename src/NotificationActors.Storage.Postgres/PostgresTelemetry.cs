using System.Diagnostics;

namespace NotificationActors.Storage.Postgres;

/// <summary>The store's spans: each grain state write, a child of the grain call that made it.</summary>
public static class PostgresTelemetry
{
    /// <summary>Name of the activity source to subscribe to.</summary>
    public const string SourceName = "NotificationActors.Storage.Postgres";

    internal static readonly ActivitySource Source = new(SourceName);
}
