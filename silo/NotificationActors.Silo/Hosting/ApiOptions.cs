namespace NotificationActors.Silo.Hosting;

/// <summary>Settings of the HTTP API (configuration section <c>NotificationActors</c>).</summary>
internal sealed class ApiOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "NotificationActors";

    /// <summary>Default <see cref="MaxBodyBytes"/>: 1 MiB (api.md).</summary>
    public const long DefaultMaxBodyBytes = 1024 * 1024;

    /// <summary>Default <see cref="ImportMaxBytes"/>.</summary>
    public const long DefaultImportMaxBytes = 256L * 1024 * 1024;

    /// <summary>
    /// When any are set, every call but <c>/healthz</c> needs <c>Authorization: Bearer &lt;key&gt;</c>, or on
    /// <c>/dashboard</c> a session from the login form (api.md, Security).
    /// </summary>
    public List<string> ApiKeys { get; set; } = [];

    /// <summary>Whether <c>/metrics</c> answers without a key when keys are set (false: it needs the bearer key).</summary>
    public bool PublicMetrics { get; set; }

    /// <summary>Whether <c>/openapi/v1.json</c> answers without a key when keys are set (false: it needs the bearer key).</summary>
    public bool PublicOpenApi { get; set; }

    /// <summary>Largest request body; larger ones get 413.</summary>
    public long MaxBodyBytes { get; set; } = DefaultMaxBodyBytes;

    /// <summary>Largest NDJSON import body.</summary>
    public long ImportMaxBytes { get; set; } = DefaultImportMaxBytes;
}
