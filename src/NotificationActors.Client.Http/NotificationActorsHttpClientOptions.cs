using Microsoft.Extensions.Http.Resilience;

namespace NotificationActors.Client.Http;

/// <summary>Where the HTTP API is, the key it takes, and changes to the retries (<c>AddNotificationActorsHttpClient</c>).</summary>
public sealed class NotificationActorsHttpClientOptions
{
    /// <summary>The silo's (or its load balancer's) address, such as <c>http://127.0.0.1:5080/</c>; required.</summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>The API key every request presents as <c>Authorization: Bearer</c>; none when the silo runs without keys.</summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// Changes to the standard resilience handler's options (total and attempt timeouts, the retries' count and delay,
    /// the circuit breaker), applied after Microsoft.Extensions.Http.Resilience's defaults: 3 retries of a transient
    /// failure (a connection refused or reset, a timeout, 408, 429, 5xx) about 2, 4 and 8 seconds apart, within 30 s.
    /// Which calls may be retried stays the client's rule (<see cref="NotificationActorsHttpClientExtensions"/>).
    /// </summary>
    public Action<HttpStandardResilienceOptions>? Resilience { get; set; }
}
