using System.Diagnostics;

namespace NotificationActors.Storage.Sqlite;

/// <summary>The store's spans: each grain state write, a child of the grain call that made it.</summary>
public static class SqliteTelemetry
{
    /// <summary>Name of the activity source to subscribe to.</summary>
    public const string SourceName = "NotificationActors.Storage.Sqlite";

    internal static readonly ActivitySource Source = new(SourceName);
}
