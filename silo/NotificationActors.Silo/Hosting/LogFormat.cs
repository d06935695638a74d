namespace NotificationActors.Silo.Hosting;

/// <summary>How the silo's console writes logs (<c>--log-format</c>, <see cref="SiloSettings.LogFormatKey"/>).</summary>
internal enum LogFormat
{
    /// <summary>ASP.NET Core's default: a level and category line, then the message.</summary>
    Simple,

    /// <summary>One JSON object a line, with a UTC timestamp, for log collectors.</summary>
    Json,
}
