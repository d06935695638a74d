using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace NotificationActors.FieldTrial.World;

/// <summary>
/// Reads world files: the embedded <c>fieldtrial.world.json</c> holds every default, a <c>--world</c> file overlays
/// the fields it names. Unknown fields, nulls, wrong types and values out of range are refused, each by its path
/// (<c>channels.push.optOut</c>), before anything runs.
/// </summary>
internal static class WorldFile
{
    private const string ResourceName = "fieldtrial.world.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
    };

    private static readonly JsonDocumentOptions Document = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>The embedded defaults.</summary>
    public static WorldOptions Defaults { get; } = Parse("{}", "defaults");

    /// <summary>The world of the file at <paramref name="path"/>, over the defaults.</summary>
    public static WorldOptions Load(string path) => Parse(File.ReadAllText(path), path);

    /// <summary>The world <paramref name="json"/> describes over the defaults; <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="InvalidDataException">The JSON is malformed, or names an unknown field or a value out of range.</exception>
    public static WorldOptions Parse(string json, string source)
    {
        JsonNode? overlay;
        try
        {
            overlay = JsonNode.Parse(json, documentOptions: Document);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{source}: not well-formed JSON ({e.Message})", e);
        }

        if (overlay is not JsonObject fields)
        {
            throw new InvalidDataException($"{source}: a world file is one JSON object.");
        }

        var problems = new List<string>();
        CheckShape(fields, typeof(WorldOptions), "", problems);
        Fail(source, problems);

        var merged = (JsonObject)JsonNode.Parse(Embedded(), documentOptions: Document)!;
        Overlay(merged, fields);
        WorldOptions options;
        try
        {
            options = merged.Deserialize<WorldOptions>(Json)!;
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{source}: {PathOf(e.Path)}: the value is not of the expected type.", e);
        }

        CheckRanges(options, "", problems);
        problems.AddRange(options.CrossFieldProblems());
        Fail(source, problems);
        return options;
    }

    private static string Embedded()
    {
        using var stream = typeof(WorldFile).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded {ResourceName} is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static void Fail(string source, List<string> problems)
    {
        if (problems.Count > 0)
        {
            throw new InvalidDataException($"{source}: {string.Join(" ", problems)}");
        }
    }

    // Every field of the overlay must be a property of the options type it stands for; objects are walked.
    private static void CheckShape(JsonObject fields, Type type, string path, List<string> problems)
    {
        var properties = Json.GetTypeInfo(type).Properties.ToDictionary(p => p.Name, StringComparer.Ordinal);
        foreach (var (name, value) in fields)
        {
            var at = path.Length == 0 ? name : $"{path}.{name}";
            if (!properties.TryGetValue(name, out var property))
            {
                problems.Add($"{at}: unknown field.");
            }
            else if (value is null)
            {
                problems.Add($"{at}: null is not a value; leave the field out to keep the default.");
            }
            else if (Json.GetTypeInfo(property.PropertyType).Kind == JsonTypeInfoKind.Object)
            {
                if (value is JsonObject nested)
                {
                    CheckShape(nested, property.PropertyType, at, problems);
                }
                else
                {
                    problems.Add($"{at}: must be an object.");
                }
            }
        }
    }

    private static void CheckRanges(object options, string path, List<string> problems)
    {
        foreach (var property in Json.GetTypeInfo(options.GetType()).Properties)
        {
            var at = path.Length == 0 ? property.Name : $"{path}.{property.Name}";
            var value = property.Get!(options)!;
            if (property.AttributeProvider is MemberInfo member && member.GetCustomAttribute<RangeAttribute>() is { } range && !range.IsValid(value))
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{at}: {value} is not in {(range.MinimumIsExclusive ? '(' : '[')}{range.Minimum}, {range.Maximum}{(range.MaximumIsExclusive ? ')' : ']')}."));
            }
            else if (Json.GetTypeInfo(property.PropertyType).Kind == JsonTypeInfoKind.Object)
            {
                CheckRanges(value, at, problems);
            }
        }
    }

    // Objects merge field by field; any other value replaces the default.
    private static void Overlay(JsonObject target, JsonObject overlay)
    {
        foreach (var (name, value) in overlay)
        {
            if (value is JsonObject nested && target[name] is JsonObject existing)
            {
                Overlay(existing, nested);
            }
            else
            {
                target[name] = value!.DeepClone();
            }
        }
    }

    private static string PathOf(string? jsonPath) => jsonPath is null or "$" ? "(root)" : jsonPath.TrimStart('$').TrimStart('.');
}
