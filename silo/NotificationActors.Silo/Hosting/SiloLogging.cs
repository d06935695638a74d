using Microsoft.Extensions.Configuration.Memory;

namespace NotificationActors.Silo.Hosting;

/// <summary>
/// The silo's log levels and console format (docs/operations.md, "Logs"): the product's own categories at Information,
/// everything else (ASP.NET Core, Orleans, Polly, the runtime) at Warning, so a request writes no log line unless
/// something is wrong; JSON console lines with <see cref="LogFormat.Json"/>.
/// </summary>
internal static class SiloLogging
{
    /// <summary>The defaults, under any configuration: appsettings.json lists the same, and a setting there or in the environment wins.</summary>
    private static readonly KeyValuePair<string, string?>[] DefaultLevels =
    [
        new("Logging:LogLevel:Default", nameof(LogLevel.Warning)),
        new("Logging:LogLevel:NotificationActors", nameof(LogLevel.Information)),

        // The start and stop lines (the addresses listened on, "Application started"): a few a process, not a request.
        new("Logging:LogLevel:Microsoft.Hosting.Lifetime", nameof(LogLevel.Information)),

        // Hosting's request lines carry the URL's query string, where a client may still put a key (?key=, refused but
        // already logged): kept at Warning by name, so that raising Microsoft.AspNetCore alone does not turn them on.
        new("Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics", nameof(LogLevel.Warning)),
    ];

    public static void AddNotificationActorsLogging(this WebApplicationBuilder builder, LogFormat format)
    {
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = DefaultLevels });
        if (format == LogFormat.Json)
        {
            builder.Logging.AddJsonConsole(o =>
            {
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
            });
        }
    }
}
