using Microsoft.Extensions.DependencyInjection;

namespace NotificationActors.Client.Http;

/// <summary>Registers <see cref="NotificationActorsHttpClient"/> as a typed HTTP client.</summary>
public static class NotificationActorsHttpClientExtensions
{
    /// <summary>Adds the typed HTTP client for the API at <paramref name="baseAddress"/>, presenting <paramref name="apiKey"/> if given.</summary>
    public static IHttpClientBuilder AddNotificationActorsHttpClient(this IServiceCollection services, Uri baseAddress, string? apiKey = null)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        return services.AddHttpClient<NotificationActorsHttpClient>(http =>
        {
            http.BaseAddress = baseAddress;
            if (apiKey is not null)
            {
                http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", apiKey);
            }
        });
    }
}
