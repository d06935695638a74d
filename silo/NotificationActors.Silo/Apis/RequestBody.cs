using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using NotificationActors.Silo.Dashboard;
using NotificationActors.Silo.Security;

namespace NotificationActors.Silo.Apis;

/// <summary>
/// Reads a JSON body so that every failure is an RFC 9457 problem naming the field: a body not sent as
/// <c>application/json</c> (415, before reading), malformed JSON, a wrong type, an enum by anything but its name or a
/// key given twice (by its JSON path), a missing required field, a body over the size limit (413) or slower than the
/// minimum data rate (408).
/// </summary>
internal static class RequestBody
{
    /// <summary>The media type of every JSON body.</summary>
    public const string Json = "application/json";

    public static async Task<(T? Value, IResult? Error)> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        if (UnsupportedMediaType(request, Json) is { } unsupported)
        {
            return (null, unsupported);
        }

        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(request.Body, ApiJson.Options, cancellationToken);
            return value is null ? (null, Invalid("body", "A JSON object is required.")) : (value, null);
        }
        catch (JsonException e)
        {
            return (null, Invalid(JsonErrors.Describe(e, typeof(T), ApiJson.Options, "body")));
        }
        catch (BadHttpRequestException e)
        {
            return (null, Refused(e, "Nothing was changed."));
        }
    }

    public static ValidationProblem Invalid(string field, string message) => Invalid(new Dictionary<string, string[]> { [field] = [message] });

    public static ValidationProblem Invalid(IDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: "The request is invalid.", detail: "Nothing was changed.");

    public static ProblemHttpResult TooLarge(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status413PayloadTooLarge, title: "The request body is too large.");

    /// <summary>
    /// A request Kestrel refused while its body was read, with Kestrel's status: 413 over the size limit, 408 slower
    /// than the minimum data rate (<see cref="Hosting.ConnectionOptions"/>), 400 cut short or malformed.
    /// </summary>
    public static ProblemHttpResult Refused(BadHttpRequestException error, string? outcome = null)
    {
        var detail = outcome is null ? error.Message : $"{error.Message} {outcome}";
        return error.StatusCode switch
        {
            StatusCodes.Status413PayloadTooLarge => TooLarge(detail),
            StatusCodes.Status408RequestTimeout => TypedResults.Problem(detail, statusCode: error.StatusCode, title: "The request body arrived too slowly."),
            _ => TypedResults.Problem(detail, statusCode: error.StatusCode, title: "The request could not be read."),
        };
    }

    /// <summary>
    /// A 415 naming <paramref name="expected"/> unless the request's <c>Content-Type</c> is that media type, with no
    /// charset or UTF-8: a body sent as anything else (or as nothing) is not read, since a form or text/plain body can
    /// come from any web page without a CORS preflight.
    /// </summary>
    public static ProblemHttpResult? UnsupportedMediaType(HttpRequest request, string expected)
    {
        if (MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
            && type.MediaType.Equals(expected, StringComparison.OrdinalIgnoreCase)
            && (!type.Charset.HasValue || type.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }

        return TypedResults.Problem(DescribeUnsupported(new ProblemDetails(), request, expected));
    }

    /// <summary>
    /// Completes the bare 415 that routing answers when a body's type is not the one an endpoint declares (text/plain,
    /// a form, JSON to the login form), so that it names the expected type as <see cref="UnsupportedMediaType"/> does.
    /// Routing answers it from an endpoint of its own, without the declared types, so the path tells which is expected.
    /// </summary>
    public static void NameExpectedMediaType(ProblemDetailsContext context)
    {
        if (context.ProblemDetails.Status == StatusCodes.Status415UnsupportedMediaType && context.ProblemDetails.Detail is null)
        {
            var request = context.HttpContext.Request;
            var expected = request.Path.Value?.EndsWith(":import", StringComparison.Ordinal) == true ? ImportApi.Ndjson
                : request.Path.Equals(DashboardSession.LoginPath, StringComparison.OrdinalIgnoreCase) ? DashboardLogin.Form
                : Json;
            DescribeUnsupported(context.ProblemDetails, request, expected);
        }
    }

    private static ProblemDetails DescribeUnsupported(ProblemDetails problem, HttpRequest request, string expected)
    {
        var given = string.IsNullOrEmpty(request.ContentType) ? "no Content-Type" : $"Content-Type {request.ContentType}";
        problem.Status = StatusCodes.Status415UnsupportedMediaType;
        problem.Title = "The body's media type is not supported.";
        problem.Detail = $"Send the body as Content-Type: {expected} (UTF-8); the request had {given}. Nothing was changed.";
        problem.Extensions["errors"] = new Dictionary<string, string[]> { [HeaderNames.ContentType] = [$"Expected {expected}."] };
        return problem;
    }
}
