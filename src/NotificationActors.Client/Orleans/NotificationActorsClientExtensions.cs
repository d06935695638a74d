using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using NotificationActors.Abstractions.Cluster;
using NotificationActors.Abstractions.Members;
using Orleans.Configuration;

namespace NotificationActors.Client.Orleans;

/// <summary>Registers an Orleans client to a NotificationActors cluster and <see cref="INotificationActors"/> over it.</summary>
public static class NotificationActorsClientExtensions
{
    /// <summary>
    /// Adds an Orleans client that joins the cluster (<see cref="NotificationActorsClientOptions"/>: read from the
    /// <c>NotificationActors:Client</c> section, then <paramref name="configure"/>), and <see cref="INotificationActors"/>
    /// calling member grains through it. Starting the host fails with a <see cref="TimeoutException"/> when no gateway
    /// answers within <see cref="NotificationActorsClientOptions.ConnectTimeout"/>.
    /// </summary>
    /// <exception cref="OptionsValidationException">An option is invalid; the message names it.</exception>
    public static IHostApplicationBuilder AddNotificationActorsClient(this IHostApplicationBuilder builder, Action<NotificationActorsClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new NotificationActorsClientOptions();
        builder.Configuration.GetSection(NotificationActorsClientOptions.Section).Bind(options);
        configure?.Invoke(options);
        var membership = Membership(options);
        var target = new ConnectTarget(options.ClusterId, membership.Description, options.ConnectTimeout);

        builder.UseOrleansClient(client =>
        {
            membership.Configure(client);
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = options.ClusterId;
                o.ServiceId = options.ClusterId;
            });
            client.Services.AddSingleton(target);
            client.Services.TryAddSingleton(TimeProvider.System);
            client.UseConnectionRetryFilter<ConnectRetryFilter>();
        });
        builder.Services.AddSingleton<INotificationActors, OrleansMemberClient>();
        return builder;
    }

    // Checks every option and picks where the gateways come from: the membership, the static list, or this machine.
    private static ClusterMembership Membership(NotificationActorsClientOptions options)
    {
        var problems = new List<string>();
        const string Section = NotificationActorsClientOptions.Section;
        if (ClusterIds.Problem(options.ClusterId) is { } clusterId)
        {
            problems.Add($"{Section}:ClusterId: {clusterId[..^1]}, as the silos' --cluster-id.");
        }

        if (options.ConnectTimeout <= TimeSpan.Zero)
        {
            problems.Add($"{Section}:ConnectTimeout: {options.ConnectTimeout} must be positive.");
        }

        var gateways = new List<IPEndPoint>();
        for (var i = 0; i < options.Gateways.Count; i++)
        {
            if (IPEndPoint.TryParse(options.Gateways[i] ?? "", out var gateway) && gateway.Port > 0)
            {
                gateways.Add(gateway);
            }
            else
            {
                problems.Add($"{Section}:Gateways[{i}]: '{options.Gateways[i]}' is not an IP address and port such as 10.0.0.5:30000.");
            }
        }

        if (options.Membership is not null && options.Gateways.Count > 0)
        {
            problems.Add($"{Section}:Gateways: a static gateway list and the silos' membership ({options.Membership.Description}) were both given; use one.");
        }

        if (options.Membership is null && options.Gateways.Count == 0 && options.GatewayPort is < 1 or > 65535)
        {
            problems.Add($"{Section}:GatewayPort: {options.GatewayPort} is not a port (1 to 65535).");
        }

        if (problems.Count > 0)
        {
            throw new OptionsValidationException(Section, typeof(NotificationActorsClientOptions), problems);
        }

        if (options.Membership is { } membership)
        {
            return membership;
        }

        if (gateways.Count > 0)
        {
            return new ClusterMembership(
                $"through the gateway{(gateways.Count == 1 ? "" : "s")} {string.Join(", ", gateways)}",
                client => client.UseStaticClustering([.. gateways]));
        }

        var port = options.GatewayPort;
        return new ClusterMembership($"through the gateway on this machine's port {port}", client => client.UseStaticClustering(new IPEndPoint(IPAddress.Loopback, port)));
    }
}
