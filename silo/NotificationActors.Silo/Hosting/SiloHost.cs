using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Options;
using NotificationActors.Abstractions.Learning;
using NotificationActors.Grains.Hosting;
using NotificationActors.Learning.Artefacts;
using NotificationActors.Silo.Apis;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NotificationActors.Silo.Clock;
using NotificationActors.Silo.Dashboard;
using NotificationActors.Silo.OpenApi;
using NotificationActors.Silo.Security;
using Orleans.Dashboard;
using Orleans.Reminders;
using Orleans.Configuration;

namespace NotificationActors.Silo.Hosting;

/// <summary>Builds the web application that co-hosts the Orleans silo and the HTTP API.</summary>
internal static class SiloHost
{
    /// <param name="settings">What the command line asked for.</param>
    /// <param name="hostArgs">Arguments for the host's own configuration.</param>
    /// <param name="configure">Last changes to the builder, e.g. a test's fake clock.</param>
    public static WebApplication Build(SiloSettings settings, string[]? hostArgs = null, Action<WebApplicationBuilder>? configure = null)
    {
        // appsettings.json is read beside the executable (or the configured folder), wherever the silo is started from.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = hostArgs ?? [], ContentRootPath = settings.ConfigurationFolder });
        builder.WebHost.UseUrls(settings.Urls);
        builder.AddNotificationActorsLogging(settings.LogFormat);
        var api = builder.Services.AddOptions<ApiOptions>().BindConfiguration(ApiOptions.Section);
        if (settings.ApiKeys.Count > 0)
        {
            api.Configure(o => o.ApiKeys.AddRange(settings.ApiKeys));
        }

        builder.AddApiKeys(settings);

        builder.Services.AddOptions<ConnectionOptions>().BindConfiguration(ConnectionOptions.Section);
        builder.Services.AddOptions<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>().Configure<IOptions<ApiOptions>, IOptions<ConnectionOptions>>((kestrel, api, connections) =>
            ConfigureLimits(kestrel.Limits, api.Value, connections.Value));
        builder.Services.ConfigureHttpJsonOptions(o => ApiJson.Configure(o.SerializerOptions));
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = RequestBody.NameExpectedMediaType);
        builder.Services.AddApiReference();
        builder.AddNotificationActorsTelemetry();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<SiloReadiness>();
        builder.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<SiloReadiness>());
        builder.AddSiloHealthChecks(settings);
        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = settings.ClusterId;
                o.ServiceId = settings.ClusterId;
            });
            if (settings.Model is { } model)
            {
                silo.Services.AddSingleton(ModelArtefacts.LoadServed(model));
                silo.Services.AddSingleton(ModelArtefacts.LoadPriors(model));
                if (ModelArtefacts.LoadScorer(model) is { } scorer)
                {
                    silo.Services.AddSingleton(scorer);
                }
            }

            // The learning loop, when configured on, trains into the deployment's model store and serves from it; a
            // version the command line pins (--model-version) plans alone, so the loop is off then, as on a store that
            // keeps no models.
            if (settings.Storage.KeepsLearning && settings.Model is null)
            {
                silo.Services.AddSingleton<IModelStore>(_ => new DeploymentModelStore(settings.Storage, settings.Location));
            }

            silo.AddMemberGrains();
            silo.AddDashboard();
            silo.AddNotificationsPage();

            // Trace context flows from the HTTP request into grain calls (and their storage writes).
            silo.AddActivityPropagation();
            if (settings.Clock == ClockKind.Simulated)
            {
                UseSimulatedClock(silo, settings.ClockStart ?? TimeProvider.System.GetUtcNow());
            }

            if (settings.Storage.Clustered)
            {
                UseClusterEndpoints(silo, settings);
            }
            else
            {
                silo.UseLocalhostClustering(FreePorts.Resolve(settings.SiloPort), FreePorts.Resolve(settings.GatewayPort));
            }

            settings.Storage.AddTo(silo, settings.Location, MemberGrainsSiloBuilderExtensions.MemberState);
        });

        configure?.Invoke(builder);
        var app = builder.Build();

        // The notifications page counts from the silo's start, so its listener must exist before any traffic.
        app.Services.GetRequiredService<NotificationStats>();
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandler = WriteUnhandledAsync,
            // A request Kestrel refused (too slow, too large, cut short) is the caller's doing: answered, not logged as a fault.
            SuppressDiagnosticsCallback = context => context.Exception is BadHttpRequestException,
        });
        app.UseStatusCodePages();
        app.UseApiKeys();
        app.MapApiReference();
        app.MapHealthApi();
        app.MapPrometheusScrapingEndpoint("/metrics");
        app.MapMembersApi();
        app.MapImportApi();
        app.MapClusterApi();
        app.UseOrleansDashboardLink();
        app.MapDashboards();
        return app;
    }

    // A clustered silo listens on the given ports and advertises the address other silos and clients reach it at.
    private static void UseClusterEndpoints(ISiloBuilder silo, SiloSettings settings) => silo.Configure<EndpointOptions>(o =>
    {
        o.SiloPort = FreePorts.Resolve(settings.SiloPort);
        o.GatewayPort = FreePorts.Resolve(settings.GatewayPort);
        if (settings.AdvertisedAddress is not null)
        {
            o.AdvertisedIPAddress = settings.AdvertisedAddress;
        }
    });

    // Members and reminders follow the simulated clock.
    private static void UseSimulatedClock(ISiloBuilder silo, DateTimeOffset start)
    {
        var deliveries = new ReminderDeliveries();
        var clock = new SimulatedClock(deliveries, start);
        silo.Services.AddSingleton(clock);
        silo.UseMemberTime(clock.Time);
        silo.AddIncomingGrainCallFilter(deliveries);
    }

    // The limits are checked as the host creates Kestrel, so a bad setting stops the silo naming it (docs/operations.md).
    private static void ConfigureLimits(Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerLimits limits, ApiOptions api, ConnectionOptions connections)
    {
        if (api.Problem() is { } apiProblem) throw new OptionsValidationException(ApiOptions.Section, typeof(ApiOptions), [$"{ApiOptions.Section}: {apiProblem}"]);
        if (connections.Problem() is { } problem) throw new OptionsValidationException(ConnectionOptions.Section, typeof(ConnectionOptions), [$"{ConnectionOptions.Section}: {problem}"]);
        limits.MaxRequestBodySize = api.MaxBodyBytes;
        limits.MaxConcurrentConnections = connections.MaxConcurrentConnections;
        limits.KeepAliveTimeout = connections.KeepAliveTimeout;
        limits.RequestHeadersTimeout = connections.RequestHeadersTimeout;
        limits.MinRequestBodyDataRate = connections.MinRequestBodyBytesPerSecond > 0
            ? new Microsoft.AspNetCore.Server.Kestrel.Core.MinDataRate(connections.MinRequestBodyBytesPerSecond, connections.MinRequestBodyGracePeriod)
            : null;
    }

    // A request Kestrel refused keeps its status (408, 413, 400); a grain refusing a request (it re-validates) is the
    // caller's error; anything else is ours, without internals.
    private static Task WriteUnhandledAsync(HttpContext context)
    {
        IResult result = context.Features.Get<IExceptionHandlerFeature>()?.Error switch
        {
            BadHttpRequestException refused => RequestBody.Refused(refused),
            ArgumentException argument => RequestBody.Invalid("request", argument.Message),
            _ => TypedResults.Problem("The request failed inside the silo; it may be retried.", statusCode: StatusCodes.Status500InternalServerError),
        };
        return result.ExecuteAsync(context);
    }
}
