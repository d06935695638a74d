using System.Text.Json;
using System.Text.Json.Serialization;

namespace NotificationActors.Silo.Apis;

/// <summary>
/// The API's JSON: camelCase, enums by their docs/api.md names only (<c>NamedEnumConverter</c>), no named floating-point
/// literals (NaN is an error), and no key twice in one object (which copy wins differs between parsers).
/// </summary>
internal static class ApiJson
{
    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        options.NumberHandling = JsonNumberHandling.Strict;
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip;
        options.AllowDuplicateProperties = false;
        return options;
    }
}
