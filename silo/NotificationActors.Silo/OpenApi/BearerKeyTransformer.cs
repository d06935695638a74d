using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using NotificationActors.Silo.Security;

namespace NotificationActors.Silo.OpenApi;

/// <summary>
/// Declares the API key as the document's HTTP bearer scheme and, while keys are configured, requires it on every
/// operation, with the 401 that a missing or wrong key gets (docs/api.md, Security).
/// </summary>
internal sealed class BearerKeyTransformer(ApiKeyRing keys) : IOpenApiDocumentTransformer
{
    /// <summary>The security scheme's name in the document's components.</summary>
    public const string Scheme = "apiKey";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.AddComponent<IOpenApiSecurityScheme>(Scheme, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "A configured API key (NotificationActors:ApiKeys) as Authorization: Bearer <key>.",
        });
        if (!keys.Enabled)
        {
            return Task.CompletedTask;
        }

        foreach (var operation in document.Paths.Values.SelectMany(path => path.Operations?.Values.AsEnumerable() ?? []))
        {
            operation.Security ??= [];
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Scheme, document)] = [] });
            operation.Responses ??= [];
            operation.Responses.TryAdd("401", new OpenApiResponse { Description = "A valid API key is required; the request reached no endpoint." });
        }

        return Task.CompletedTask;
    }
}
