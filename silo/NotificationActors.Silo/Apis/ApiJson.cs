using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using NotificationActors.Abstractions.Members;

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

    /// <summary>
    /// The names an enum is read and written by, in declaration order, when its converter is
    /// <see cref="NamedEnumConverter{TEnum}"/>; otherwise null. Taken by writing each value, so they are the wire's own.
    /// </summary>
    public static IReadOnlyList<string>? EnumNames(JsonTypeInfo info) =>
        info.Type.IsEnum && info.Converter.GetType() is { IsGenericType: true } converter && converter.GetGenericTypeDefinition() == typeof(NamedEnumConverter<>)
            ? [.. Enum.GetValues(info.Type).Cast<object>().Select(value => JsonSerializer.SerializeToElement(value, info).GetString()!)]
            : null;
}
