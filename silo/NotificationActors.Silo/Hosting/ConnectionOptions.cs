namespace NotificationActors.Silo.Hosting;

/// <summary>
/// Limits on the API's HTTP connections (configuration section <c>NotificationActors:Connections</c>,
/// docs/operations.md): how many are served at once, and how long an idle or slow one is kept, so that a flood of
/// connections that send nothing, or a body a byte at a time, is reclaimed instead of held.
/// </summary>
internal sealed class ConnectionOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "NotificationActors:Connections";

    /// <summary>
    /// Default <see cref="MaxConcurrentConnections"/>: half the 20,000 file descriptors the silo's process may open on
    /// the deployment host, leaving the rest to Orleans' own sockets, storage and files.
    /// </summary>
    public const long DefaultMaxConcurrentConnections = 10_000;

    /// <summary>Default <see cref="MinRequestBodyBytesPerSecond"/>: Kestrel's own, a slow mobile link's pace.</summary>
    public const double DefaultMinRequestBodyBytesPerSecond = 240;

    /// <summary>Default <see cref="KeepAliveTimeout"/>: longer than a caller's pause between requests, far below Kestrel's 130 s.</summary>
    public static readonly TimeSpan DefaultKeepAliveTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Default <see cref="RequestHeadersTimeout"/>: a request line and headers take milliseconds to send.</summary>
    public static readonly TimeSpan DefaultRequestHeadersTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Default <see cref="MinRequestBodyGracePeriod"/>: Kestrel's own.</summary>
    public static readonly TimeSpan DefaultMinRequestBodyGracePeriod = TimeSpan.FromSeconds(5);

    /// <summary>Connections served at once; a connection beyond them is closed as soon as it is accepted.</summary>
    public long MaxConcurrentConnections { get; set; } = DefaultMaxConcurrentConnections;

    /// <summary>How long a connection may wait for its next request (or its first) before it is closed.</summary>
    public TimeSpan KeepAliveTimeout { get; set; } = DefaultKeepAliveTimeout;

    /// <summary>How long a request's line and headers may take once they begin; then the answer is 408 and the connection closes.</summary>
    public TimeSpan RequestHeadersTimeout { get; set; } = DefaultRequestHeadersTimeout;

    /// <summary>Slowest average pace of a request body after <see cref="MinRequestBodyGracePeriod"/>; slower is a 408. 0 turns the check off.</summary>
    public double MinRequestBodyBytesPerSecond { get; set; } = DefaultMinRequestBodyBytesPerSecond;

    /// <summary>How long a request body may take before <see cref="MinRequestBodyBytesPerSecond"/> applies; over 1 s (Kestrel's heartbeat).</summary>
    public TimeSpan MinRequestBodyGracePeriod { get; set; } = DefaultMinRequestBodyGracePeriod;

    /// <summary>What is wrong with these settings, naming the setting, or null.</summary>
    public string? Problem() =>
        MaxConcurrentConnections < 1 ? $"{nameof(MaxConcurrentConnections)} must be at least 1."
        : KeepAliveTimeout <= TimeSpan.Zero ? $"{nameof(KeepAliveTimeout)} must be positive."
        : RequestHeadersTimeout <= TimeSpan.Zero ? $"{nameof(RequestHeadersTimeout)} must be positive."
        : !(MinRequestBodyBytesPerSecond >= 0) ? $"{nameof(MinRequestBodyBytesPerSecond)} must be 0 or more."
        : MinRequestBodyGracePeriod <= TimeSpan.FromSeconds(1) ? $"{nameof(MinRequestBodyGracePeriod)} must be longer than 1 s, Kestrel's heartbeat."
        : null;
}
