using NotificationActors.Grains.Telemetry;
using NotificationActors.Storage.Postgres;
using NotificationActors.Storage.Sqlite;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace NotificationActors.Silo.Hosting;

/// <summary>
/// OpenTelemetry for the silo: Orleans' meter and activity sources, ASP.NET Core, the runtime and the product's own
/// instruments. Prometheus scrapes <c>/metrics</c>; OTLP export (metrics and traces) starts only when an endpoint is
/// configured (<c>NotificationActors:Otlp:Endpoint</c> or <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>), so without it no
/// span is ever sampled and the hot path pays nothing for tracing.
/// </summary>
internal static class Telemetry
{
    /// <summary>Orleans' activity sources (runtime, grain calls, storage).</summary>
    private static readonly string[] OrleansSources = ["Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application", "Microsoft.Orleans.Storage"];

    public static void AddNotificationActorsTelemetry(this WebApplicationBuilder builder)
    {
        // appsettings.json lists the endpoint blank: blank is unset.
        var otlp = new[] { builder.Configuration["NotificationActors:Otlp:Endpoint"], builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"] }
            .FirstOrDefault(endpoint => !string.IsNullOrWhiteSpace(endpoint));
        var telemetry = builder.Services.AddOpenTelemetry().WithMetrics(metrics =>
        {
            metrics.AddMeter("Microsoft.Orleans", MemberTelemetry.Name)
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                .AddPrometheusExporter();
            if (otlp is not null) metrics.AddOtlpExporter(o => o.Endpoint = new Uri(otlp));
        });
        if (otlp is not null)
        {
            telemetry.WithTracing(tracing => tracing
                .AddSource(OrleansSources)
                .AddSource(MemberTelemetry.Name, SqliteTelemetry.SourceName, PostgresTelemetry.SourceName)
                .AddAspNetCoreInstrumentation()
                .AddOtlpExporter(o => o.Endpoint = new Uri(otlp)));
        }
    }
}
