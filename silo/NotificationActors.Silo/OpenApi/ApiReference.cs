using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace NotificationActors.Silo.OpenApi;

/// <summary>
/// The OpenAPI document at <c>/openapi/v1.json</c> and Scalar's explorer over it at <c>/scalar</c>, both served by the
/// silo itself (Scalar's script is embedded in its package: no CDN). The document holds the product's <c>/v1</c>
/// routes only, as docs/api.md describes them: not the dashboards' internals, the scrape or the health probes.
/// </summary>
internal static class ApiReference
{
    /// <summary>Where the OpenAPI documents are served.</summary>
    public const string DocumentPath = "/openapi";

    /// <summary>Where Scalar's explorer is served.</summary>
    public const string ExplorerPath = "/scalar";

    private const string ProductRoutes = "v1/";

    public static IServiceCollection AddApiReference(this IServiceCollection services) => services.AddOpenApi(o =>
    {
        o.ShouldInclude = description => description.RelativePath?.StartsWith(ProductRoutes, StringComparison.Ordinal) == true;
        o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "NotificationActors HTTP API",
                Version = "v1",
                Description = "Per-member send decisions, feedback, activity, preferences and plans. The contract is docs/api.md in the repository.",
            };
            return Task.CompletedTask;
        });
        o.AddDocumentTransformer<BearerKeyTransformer>();
        o.AddSchemaTransformer<WireEnumSchemaTransformer>();
    });

    public static IEndpointRouteBuilder MapApiReference(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi(DocumentPath + "/{documentName}.json");

        // Scalar's defaults fetch fonts from its CDN, count "try it" requests at its servers and offer its hosted
        // services (an AI agent and an MCP server fed the document, sharing, SDKs): all off, so the page works on a
        // closed network and sends the document and the calls nowhere.
        app.MapScalarApiReference(ExplorerPath, o => o
            .WithTitle("NotificationActors API")
            .WithOpenApiRoutePattern(DocumentPath + "/{documentName}.json")
            .AddPreferredSecuritySchemes([BearerKeyTransformer.Scheme])
            .ExpandAllTags()
            .DisableDefaultFonts()
            .DisableTelemetry()
            .DisableAgent()
            .DisableMcp()
            .HideDeveloperTools());
        return app;
    }
}
