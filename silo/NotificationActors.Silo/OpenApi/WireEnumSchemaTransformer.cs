using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using NotificationActors.Silo.Apis;

namespace NotificationActors.Silo.OpenApi;

/// <summary>
/// Gives each enum the API reads by name only (<c>NamedEnumConverter</c>) its schema: a string, one of its wire names
/// (<c>push</c>, <c>email</c>, <c>inapp</c>). The generator cannot see through a custom converter and would leave it
/// as any value.
/// </summary>
internal sealed class WireEnumSchemaTransformer : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        // An optional enum (MessageChannel?) shares the enum's component schema, and is often the first to define it.
        var type = Nullable.GetUnderlyingType(context.JsonTypeInfo.Type) ?? context.JsonTypeInfo.Type;
        if (ApiJson.EnumNames(context.JsonTypeInfo.Options.GetTypeInfo(type)) is { } names)
        {
            schema.Type = JsonSchemaType.String;
            schema.Enum = [.. names.Select(name => (JsonNode)JsonValue.Create(name))];
        }

        return Task.CompletedTask;
    }
}
