using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;

namespace NotificationActors.Silo.Apis;

/// <summary>
/// Says what is wrong with a JSON body in the API's own terms: each error is keyed by the field's JSON path
/// (<c>candidates[0].channel</c>) and says what JSON the field takes (<c>Expected one of push, email, inapp.</c>).
/// System.Text.Json's own messages name the .NET types behind the contract, which callers never see.
/// </summary>
internal static partial class JsonErrors
{
    // "JSON deserialization for type '...' was missing required properties including: 'a', 'b'.": the names follow it.
    private const string MissingMarker = "missing required properties including:";

    private static readonly string[] Required = ["Required."];

    /// <summary>The field errors for <paramref name="error"/>, raised reading a <paramref name="target"/>.</summary>
    /// <param name="root">The key of an error at the top of the document, such as <c>body</c>.</param>
    public static Dictionary<string, string[]> Describe(JsonException error, Type target, JsonSerializerOptions options, string root)
    {
        var field = FieldOf(error.Path);
        var key = field.Length == 0 ? root : field;

        var including = error.Message.IndexOf(MissingMarker, StringComparison.Ordinal);
        if (including >= 0)
        {
            var missing = QuotedName().Matches(error.Message[(including + MissingMarker.Length)..]).Select(m => m.Groups[1].Value).ToArray();
            if (missing.Length > 0) return missing.ToDictionary(name => field.Length == 0 ? name : $"{field}.{name}", _ => Required);
        }

        if (error.Message.StartsWith("Duplicate propert", StringComparison.Ordinal))
        {
            return new() { [key] = ["The key appears more than once in its object."] };
        }

        // The reader's own failures (a syntax error, a body cut short, NaN) come wrapped around the reader's exception.
        if (error.InnerException is JsonException)
        {
            var where = string.Create(CultureInfo.InvariantCulture, $"line {error.LineNumber + 1}, byte {error.BytePositionInLine + 1}");
            return new() { [key] = [$"Not well-formed JSON at {where}: a syntax error, a value JSON does not allow (such as NaN) or a body cut short."] };
        }

        var expected = At(options.GetTypeInfo(target), error.Path, options) is { } info ? Expected(info) : null;
        return new()
        {
            [key] = [expected is null ? "The value is of the wrong type or not one of the allowed values." : $"Expected {expected}."],
        };
    }

    // $.candidates[0].channel as candidates[0].channel, and $.features['tenure weeks'] as features.tenure weeks, the
    // way the validator names fields.
    private static string FieldOf(string? path) => string.Concat(PathSegment().Matches(path ?? "").Select((segment, i) =>
        segment.Groups["index"].Success ? $"[{segment.Groups["index"].Value}]" : (i == 0 ? "" : ".") + NameOf(segment)));

    private static string NameOf(Match segment) => segment.Groups["name"].Success ? segment.Groups["name"].Value : segment.Groups["quoted"].Value;

    // The contract's type at a JSON path such as $.candidates[0].channel, or null where the path leaves it.
    private static JsonTypeInfo? At(JsonTypeInfo info, string? path, JsonSerializerOptions options)
    {
        foreach (Match segment in PathSegment().Matches(path ?? ""))
        {
            var name = NameOf(segment);
            var next = info.Kind switch
            {
                JsonTypeInfoKind.Enumerable when segment.Groups["index"].Success => info.ElementType,
                JsonTypeInfoKind.Dictionary when !segment.Groups["index"].Success => info.ElementType,
                JsonTypeInfoKind.Object => info.Properties.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))?.PropertyType,
                _ => null,
            };
            if (next is null) return null;
            info = options.GetTypeInfo(Nullable.GetUnderlyingType(next) ?? next);
        }

        return info;
    }

    private static string? Expected(JsonTypeInfo info)
    {
        var type = info.Type;
        if (ApiJson.EnumNames(info) is { } names) return $"one of {string.Join(", ", names)}";
        if (type == typeof(string)) return "a string";
        if (type == typeof(bool)) return "true or false";
        if (type == typeof(DateTimeOffset) || type == typeof(DateTime)) return "an RFC 3339 time such as \"2026-11-23T18:00:00Z\"";
        if (type == typeof(int) || type == typeof(long)) return "a whole number";
        if (type == typeof(double) || type == typeof(float) || type == typeof(decimal)) return "a number";
        return info.Kind switch
        {
            JsonTypeInfoKind.Enumerable => "an array",
            JsonTypeInfoKind.Object or JsonTypeInfoKind.Dictionary => "an object",
            _ => null,
        };
    }

    [GeneratedRegex("'([^']+)'")]
    private static partial Regex QuotedName();

    // System.Text.Json writes a path as $.name, $['odd name'] and [index] steps.
    [GeneratedRegex(@"\.(?<name>[^.\[]+)|\['(?<quoted>[^']*)'\]|\[(?<index>\d+)\]")]
    private static partial Regex PathSegment();
}
