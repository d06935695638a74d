namespace NotificationActors.Silo.Hosting;

/// <summary>Settings of the HTTP API (configuration section <c>NotificationActors</c>).</summary>
internal sealed class ApiOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "NotificationActors";

    /// <summary>Default <see cref="MaxBodyBytes"/>: 1 MiB (docs/api.md).</summary>
    public const long DefaultMaxBodyBytes = 1024 * 1024;

    /// <summary>Default <see cref="ImportMaxBytes"/>.</summary>
    public const long DefaultImportMaxBytes = 256L * 1024 * 1024;

    /// <summary>Default <see cref="ImportMaxLineBytes"/>: 64 KiB, about a hundred times a features line of two dozen features.</summary>
    public const int DefaultImportMaxLineBytes = 64 * 1024;

    /// <summary>
    /// When any are set, every call but the health routes (<c>/healthz</c>, <c>/health/*</c>) needs <c>Authorization: Bearer &lt;key&gt;</c>, or on
    /// <c>/dashboard</c> a session from the login form (docs/api.md, Security).
    /// </summary>
    public List<string> ApiKeys { get; set; } = [];

    /// <summary>Whether <c>/metrics</c> answers without a key when keys are set (false: it needs the bearer key).</summary>
    public bool PublicMetrics { get; set; }

    /// <summary>
    /// Whether <c>/openapi/v1.json</c> and the explorer at <c>/scalar</c> answer without a key when keys are set (false:
    /// they need the bearer key or a dashboard session).
    /// </summary>
    public bool PublicOpenApi { get; set; }

    /// <summary>Largest request body; larger ones get 413.</summary>
    public long MaxBodyBytes { get; set; } = DefaultMaxBodyBytes;

    /// <summary>Largest NDJSON import body.</summary>
    public long ImportMaxBytes { get; set; } = DefaultImportMaxBytes;

    /// <summary>Longest NDJSON import line in bytes; a longer one ends the import there with 413, so that a line is never buffered whole.</summary>
    public int ImportMaxLineBytes { get; set; } = DefaultImportMaxLineBytes;

    /// <summary>What is wrong with these settings, naming the setting, or null.</summary>
    public string? Problem() =>
        MaxBodyBytes < 1 ? $"{nameof(MaxBodyBytes)} must be at least 1."
        : ImportMaxBytes < 1 ? $"{nameof(ImportMaxBytes)} must be at least 1."
        : ImportMaxLineBytes is < 1 or > ImportLineCeiling ? $"{nameof(ImportMaxLineBytes)} must be 1 to {ImportLineCeiling} (a line is held whole in Kestrel's request buffer, 1 MiB)."
        : null;

    // Kestrel's MaxRequestBufferSize: a partial line is left unconsumed, so one longer would stall the body's reader.
    private const int ImportLineCeiling = 1024 * 1024;
}
