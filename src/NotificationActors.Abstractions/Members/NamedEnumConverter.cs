using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace NotificationActors.Abstractions.Members;

/// <summary>
/// Reads and writes an enum by its <see cref="JsonStringEnumMemberNameAttribute"/> name only (docs/api.md). A number, a
/// numeric string or a comma-separated list of names is refused, where <see cref="JsonStringEnumConverter{TEnum}"/>
/// accepts them (even without allowing integers it reads <c>"push, email"</c> as the two values or'ed together).
/// </summary>
/// <typeparam name="TEnum">An enum whose wire names its members' attributes give.</typeparam>
public sealed class NamedEnumConverter<TEnum> : JsonConverter<TEnum>
    where TEnum : struct, Enum
{
    private static readonly Dictionary<string, TEnum> ByName = typeof(TEnum).GetFields(BindingFlags.Public | BindingFlags.Static)
        .ToDictionary(f => f.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? f.Name, f => (TEnum)f.GetValue(null)!, StringComparer.Ordinal);

    private static readonly Dictionary<TEnum, JsonEncodedText> Names = ByName.ToDictionary(p => p.Value, p => JsonEncodedText.Encode(p.Key));

    private static readonly string Allowed = string.Join(", ", ByName.Keys);

    /// <inheritdoc />
    public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String && ByName.TryGetValue(reader.GetString()!, out var value)
            ? value
            : throw new JsonException($"Expected one of {Allowed}.");

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options) =>
        writer.WriteStringValue(Names.TryGetValue(value, out var name) ? name : throw new JsonException($"{typeof(TEnum).Name} has no member {value}."));
}
