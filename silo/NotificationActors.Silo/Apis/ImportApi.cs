using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using NotificationActors.Abstractions.Members;
using NotificationActors.Grains.Validation;
using NotificationActors.Silo.Hosting;

namespace NotificationActors.Silo.Apis;

/// <summary>
/// Bulk NDJSON loads (docs/api.md): <c>POST /v1/activity:import</c> and <c>POST /v1/features:import</c>, sent as
/// <c>application/x-ndjson</c>. Lines stream in, none longer than <see cref="ApiOptions.ImportMaxLineBytes"/>, and go
/// to their grains with bounded concurrency; a bad line is rejected with its line number and changes nothing.
/// </summary>
internal static class ImportApi
{
    /// <summary>The media type of an import body: one JSON object a line.</summary>
    public const string Ndjson = "application/x-ndjson";

    private const string ImportDescription = "Sent as application/x-ndjson and streamed: each line is checked and applied as it arrives. "
        + "The report counts accepted, duplicate and rejected lines, with the first 20 rejected lines' numbers and errors.";

    private const int Concurrency = 64;
    private const int ReportedErrors = 20;

    public static IEndpointRouteBuilder MapImportApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1").WithTags("Import");
        group.MapPost("/activity:import", ImportActivity).Accepts<ActivityLine>(Ndjson).Produces<ImportReport>()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .WithName(nameof(ImportActivity)).WithSummary("Load activity in bulk, one JSON object a line")
            .WithDescription(ImportDescription);
        group.MapPost("/features:import", ImportFeatures).Accepts<FeaturesLine>(Ndjson).Produces<ImportReport>()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .WithName(nameof(ImportFeatures)).WithSummary("Load features in bulk, one JSON object a line")
            .WithDescription(ImportDescription);
        return app;
    }

    private static Task<IResult> ImportActivity(HttpContext context, IGrainFactory grains, IOptions<ApiOptions> options, CancellationToken cancellationToken) =>
        ImportAsync<ActivityLine>(context, options.Value, line =>
        {
            var activity = new ActivityEvent { EventId = line.EventId, Time = line.Time, Type = line.Type, Minutes = line.Minutes };
            return (line.MemberId, Merge(RequestValidator.MemberId(line.MemberId), RequestValidator.Activity(activity)),
                async () => (await MemberGrains.Get(grains, line.MemberId).RecordActivity(activity)).Applied);
        }, cancellationToken);

    private static Task<IResult> ImportFeatures(HttpContext context, IGrainFactory grains, IOptions<ApiOptions> options, CancellationToken cancellationToken) =>
        ImportAsync<FeaturesLine>(context, options.Value, line =>
            (line.MemberId, Merge(RequestValidator.MemberId(line.MemberId), RequestValidator.Features(line.Features)),
                async () =>
                {
                    await MemberGrains.Get(grains, line.MemberId).SetFeatures(line.Features);
                    return true;
                }), cancellationToken);

    private static async Task<IResult> ImportAsync<TLine>(
        HttpContext context,
        ApiOptions options,
        Func<TLine, (string MemberId, Dictionary<string, string[]> Errors, Func<Task<bool>> Apply)> prepare,
        CancellationToken cancellationToken)
        where TLine : class
    {
        if (RequestBody.UnsupportedMediaType(context.Request, Ndjson) is { } unsupported)
        {
            return unsupported;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = options.ImportMaxBytes;
        }

        var report = new ImportReport();
        int? overlong = null;
        BadHttpRequestException? refused = null;
        using (var work = new ImportWork(report, Concurrency, ReportedErrors))
        {
            try
            {
                overlong = await NdjsonLines.ReadAsync(context.Request.BodyReader, options.ImportMaxLineBytes, async (number, bytes) =>
                {
                    if (Parse<TLine>(number, bytes, report) is not { } line) return;
                    var (_, errors, apply) = prepare(line);
                    if (errors.Count > 0) report.Reject(number, errors, ReportedErrors);
                    else await work.StartAsync(number, apply, cancellationToken);
                }, cancellationToken);
            }
            catch (BadHttpRequestException e)
            {
                refused = e;
            }
            finally
            {
                await work.DrainAsync();
            }
        }

        var processed = string.Create(CultureInfo.InvariantCulture, $"Lines read until then were processed: {report.Accepted} accepted, {report.Duplicates} duplicates, {report.Rejected} rejected.");
        if (refused is not null)
        {
            return RequestBody.Refused(refused, processed);
        }

        if (overlong is { } tooLong)
        {
            var message = string.Create(CultureInfo.InvariantCulture, $"Line {tooLong} is longer than {options.ImportMaxLineBytes:N0} bytes (NotificationActors:ImportMaxLineBytes).");
            return TypedResults.Problem(
                $"{message} The import stopped there. {processed}",
                statusCode: StatusCodes.Status413PayloadTooLarge,
                title: "An import line is too long.",
                extensions: new Dictionary<string, object?>
                {
                    ["line"] = tooLong,
                    ["processed"] = report,
                    ["errors"] = new Dictionary<string, string[]> { ["line"] = [message] },
                });
        }

        return TypedResults.Ok(report);
    }

    // A line that is not a JSON object of the line's shape is rejected with its line number, naming the bad field.
    private static TLine? Parse<TLine>(int number, ReadOnlySequence<byte> bytes, ImportReport report)
        where TLine : class
    {
        try
        {
            if (Deserialize<TLine>(bytes) is { } line) return line;
            report.Reject(number, new Dictionary<string, string[]> { ["line"] = ["A JSON object is required."] }, ReportedErrors);
        }
        catch (JsonException e)
        {
            report.Reject(number, JsonErrors.Describe(e, typeof(TLine), ApiJson.Options, "line"), ReportedErrors);
        }

        return null;
    }

    // A line spans segments of the body's buffer when it crosses a read; it is at most ImportMaxLineBytes, so copied.
    private static TLine? Deserialize<TLine>(ReadOnlySequence<byte> bytes)
    {
        if (bytes.IsSingleSegment) return JsonSerializer.Deserialize<TLine>(bytes.FirstSpan, ApiJson.Options);
        var copy = ArrayPool<byte>.Shared.Rent((int)bytes.Length);
        try
        {
            bytes.CopyTo(copy);
            return JsonSerializer.Deserialize<TLine>(copy.AsSpan(0, (int)bytes.Length), ApiJson.Options);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(copy);
        }
    }

    private static Dictionary<string, string[]> Merge(Dictionary<string, string[]> first, Dictionary<string, string[]> second)
    {
        foreach (var (key, value) in second) first[key] = value;
        return first;
    }
}
