using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;

namespace NotificationActors.Client.Orleans;

/// <summary>Registers an Orleans client to a NotificationActors cluster and the <see cref="INotificationActors"/> facade.</summary>
public static class NotificationActorsClientExtensions
{
    /// <summary>
    /// Adds an Orleans client connected to the silo's gateway on this machine, and <see cref="INotificationActors"/>
    /// calling member grains through it. Clustered deployments (issue 5) add their membership providers here.
    /// </summary>
    public static IHostApplicationBuilder AddNotificationActorsClient(this IHostApplicationBuilder builder, Action<NotificationActorsClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new NotificationActorsClientOptions();
        configure?.Invoke(options);
        builder.UseOrleansClient(client => client
            .UseLocalhostClustering(options.GatewayPort, options.ClusterId, options.ClusterId)
            .Configure<ClusterOptions>(o =>
            {
                o.ClusterId = options.ClusterId;
                o.ServiceId = options.ClusterId;
            }));
        builder.Services.AddSingleton<INotificationActors, OrleansMemberClient>();
        return builder;
    }
}
