using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace NotificationActors.Silo.Health;

/// <summary>
/// The body of <c>/health/live</c> and <c>/health/ready</c> (docs/api.md): the overall status and each check's, as
/// JSON, e.g. <c>{"status":"Unhealthy","checks":{"store":"Unhealthy","membership":"Healthy"}}</c>. Only statuses: the
/// routes are open without a key, and a failure's exception (which may name a server) goes to the log, where the
/// health-check service writes it.
/// </summary>
internal static class HealthResponse
{
    public static async Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        await using var json = new Utf8JsonWriter(context.Response.Body);
        json.WriteStartObject();
        json.WriteString("status", report.Status.ToString());
        json.WriteStartObject("checks");
        foreach (var (name, entry) in report.Entries)
        {
            json.WriteString(name, entry.Status.ToString());
        }

        json.WriteEndObject();
        json.WriteEndObject();
        await json.FlushAsync(context.RequestAborted);
    }
}
