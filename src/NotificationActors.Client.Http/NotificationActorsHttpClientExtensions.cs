using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using NotificationActors.Abstractions.Members;
using Polly;

namespace NotificationActors.Client.Http;

/// <summary>
/// Registers <see cref="INotificationActors"/> over the HTTP API as a typed <see cref="HttpClient"/> with
/// Microsoft.Extensions.Http.Resilience's standard handler. Every call is retried on a transient failure except
/// <see cref="INotificationActors.ReplanAsync"/> and <see cref="INotificationActors.ApplyTrafficAsync"/>: the API
/// answers a replayed opportunity with its first decision (by <c>opportunityId</c>), ignores a replayed feedback or
/// activity event (by <c>eventId</c>, among the member's last 512), and preferences, features and a forget are
/// replaced or removed whole; a replan runs the slow policy again, and a batch of up to 1,000 items can hold more
/// events than the member remembers, so a retry of either that arrived could plan twice or count events twice.
/// </summary>
public static class NotificationActorsHttpClientExtensions
{
    private static readonly HttpRequestOptionsKey<bool> NotRetried = new("NotificationActors.NotRetried");

    /// <summary>Adds <see cref="INotificationActors"/> for the API at <paramref name="baseAddress"/>, presenting <paramref name="apiKey"/> if given.</summary>
    public static IHttpClientBuilder AddNotificationActorsHttpClient(this IServiceCollection services, Uri baseAddress, string? apiKey = null) =>
        services.AddNotificationActorsHttpClient(o =>
        {
            o.BaseAddress = baseAddress;
            o.ApiKey = apiKey;
        });

    /// <summary>Adds <see cref="INotificationActors"/> for the API <paramref name="configure"/> describes.</summary>
    /// <exception cref="ArgumentException">The base address is missing or not absolute http(s), or the key is blank or padded.</exception>
    public static IHttpClientBuilder AddNotificationActorsHttpClient(this IServiceCollection services, Action<NotificationActorsHttpClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        var options = new NotificationActorsHttpClientOptions();
        configure(options);
        var baseAddress = BaseAddress(options.BaseAddress);
        if (options.ApiKey is { } key && (key.Length == 0 || key.Trim().Length != key.Length))
        {
            throw new ArgumentException("NotificationActorsHttpClientOptions.ApiKey is blank or has spaces around it.", nameof(configure));
        }

        var client = services.AddHttpClient<INotificationActors, NotificationActorsHttpClient>(http =>
        {
            http.BaseAddress = baseAddress;
            if (options.ApiKey is not null)
            {
                http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.ApiKey);
            }
        });
        client.AddStandardResilienceHandler(resilience =>
        {
            options.Resilience?.Invoke(resilience);
            var transient = resilience.Retry.ShouldHandle;
            resilience.Retry.ShouldHandle = args => IsRetried(args.Context) ? transient(args) : ValueTask.FromResult(false);
        });
        return client;
    }

    /// <summary>Marks a request the resilience handler must send once only.</summary>
    internal static HttpRequestMessage SentOnce(this HttpRequestMessage request)
    {
        request.Options.Set(NotRetried, true);
        return request;
    }

    private static bool IsRetried(ResilienceContext context) =>
        context.GetRequestMessage() is not { } request || !request.Options.TryGetValue(NotRetried, out var once) || !once;

    // Relative paths resolve under the base address only when it ends with '/'.
    private static Uri BaseAddress(Uri? address)
    {
        if (address is null || !address.IsAbsoluteUri || (address.Scheme != Uri.UriSchemeHttp && address.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"NotificationActorsHttpClientOptions.BaseAddress: '{address}' is not an absolute http or https address such as http://127.0.0.1:5080/.", nameof(address));
        }

        return address.AbsolutePath.EndsWith('/') ? address : new Uri(address + "/");
    }
}
