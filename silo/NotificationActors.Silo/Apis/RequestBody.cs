using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace NotificationActors.Silo.Apis;

/// <summary>
/// Reads a JSON body so that every failure is an RFC 9457 problem naming the field: malformed JSON, a wrong type or
/// unknown enum value (by its JSON path), a missing required field, or a body over the size limit (413).
/// </summary>
internal static partial class RequestBody
{
    private static readonly string[] Required = ["Required."];

    public static async Task<(T? Value, IResult? Error)> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(request.Body, ApiJson.Options, cancellationToken);
            return value is null ? (null, Invalid("body", "A JSON object is required.")) : (value, null);
        }
        catch (JsonException e)
        {
            return (null, Invalid(e));
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TooLarge(e.Message));
        }
    }

    public static ValidationProblem Invalid(string field, string message) => Invalid(new Dictionary<string, string[]> { [field] = [message] });

    public static ValidationProblem Invalid(IDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: "The request is invalid.", detail: "Nothing was changed.");

    public static ProblemHttpResult TooLarge(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status413PayloadTooLarge, title: "The request body is too large.");

    private static ValidationProblem Invalid(JsonException error)
    {
        // "missing required properties including: 'a', 'b'" names the fields; otherwise the path locates the bad value.
        var missing = MissingProperty().Matches(error.Message).Select(m => m.Groups[1].Value).ToArray();
        if (error.Message.Contains("missing required properties", StringComparison.Ordinal) && missing.Length > 0)
        {
            var prefix = FieldOf(error.Path);
            return Invalid(missing.ToDictionary(name => prefix.Length == 0 ? name : $"{prefix}.{name}", _ => Required));
        }

        var field = FieldOf(error.Path);
        var message = field.Length == 0 ? "The body is not well-formed JSON of the expected shape." : "The value is malformed, of the wrong type or not one of the allowed values.";
        return Invalid(field.Length == 0 ? "body" : field, message);
    }

    private static string FieldOf(string? path) => path is null or "$" ? "" : path.TrimStart('$').TrimStart('.');

    [GeneratedRegex("'([^']+)'")]
    private static partial Regex MissingProperty();
}
