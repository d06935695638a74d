using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using NotificationActors.Abstractions.Members;
using NotificationActors.Grains.Validation;
using NotificationActors.Silo.Hosting;

namespace NotificationActors.Silo.Apis;

/// <summary>
/// Bulk NDJSON loads (api.md): <c>POST /v1/activity:import</c> and <c>POST /v1/features:import</c>. Lines stream in
/// and go to their grains with bounded concurrency; a bad line is rejected with its line number and changes nothing.
/// </summary>
internal static class ImportApi
{
    /// <summary>The media type of an import body: one JSON object a line.</summary>
    public const string Ndjson = "application/x-ndjson";

    private const int Concurrency = 64;
    private const int ReportedErrors = 20;

    public static IEndpointRouteBuilder MapImportApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1").WithTags("Import");
        group.MapPost("/activity:import", ImportActivity).Accepts<ActivityLine>(Ndjson).Produces<ImportReport>();
        group.MapPost("/features:import", ImportFeatures).Accepts<FeaturesLine>(Ndjson).Produces<ImportReport>();
        return app;
    }

    private static Task<IResult> ImportActivity(HttpContext context, IGrainFactory grains, IOptions<ApiOptions> options, CancellationToken cancellationToken) =>
        ImportAsync<ActivityLine>(context, options.Value, line =>
        {
            var activity = new ActivityEvent { EventId = line.EventId, Time = line.Time, Type = line.Type, Minutes = line.Minutes };
            return (line.MemberId, Merge(RequestValidator.MemberId(line.MemberId), RequestValidator.Activity(activity)),
                async () => (await grains.GetGrain<IMemberGrain>(line.MemberId).RecordActivity(activity)).Applied);
        }, cancellationToken);

    private static Task<IResult> ImportFeatures(HttpContext context, IGrainFactory grains, IOptions<ApiOptions> options, CancellationToken cancellationToken) =>
        ImportAsync<FeaturesLine>(context, options.Value, line =>
            (line.MemberId, Merge(RequestValidator.MemberId(line.MemberId), RequestValidator.Features(line.Features)),
                async () =>
                {
                    await grains.GetGrain<IMemberGrain>(line.MemberId).SetFeatures(line.Features);
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
        using var gate = new SemaphoreSlim(Concurrency);
        var pending = new List<Task>();
        using var reader = new StreamReader(context.Request.Body);
        var lineNumber = 0;
        try
        {
            while (await reader.ReadLineAsync(cancellationToken) is { } text)
            {
                lineNumber++;
                if (string.IsNullOrWhiteSpace(text)) continue;
                var number = lineNumber;
                TLine? line;
                try
                {
                    line = JsonSerializer.Deserialize<TLine>(text, ApiJson.Options);
                }
                catch (JsonException e)
                {
                    report.Reject(number, new Dictionary<string, string[]> { [e.Path?.TrimStart('$', '.') is { Length: > 0 } p ? p : "line"] = ["Not a valid line: " + e.Message] }, ReportedErrors);
                    continue;
                }

                if (line is null)
                {
                    report.Reject(number, new Dictionary<string, string[]> { ["line"] = ["A JSON object is required."] }, ReportedErrors);
                    continue;
                }

                var (_, errors, apply) = prepare(line);
                if (errors.Count > 0)
                {
                    report.Reject(number, errors, ReportedErrors);
                    continue;
                }

                await gate.WaitAsync(cancellationToken);
                pending.Add(ApplyAsync(number, apply, report, gate));
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            await Task.WhenAll(pending);
            return RequestBody.TooLarge($"{e.Message} Lines before the limit were processed: {report.Accepted} accepted, {report.Rejected} rejected.");
        }

        await Task.WhenAll(pending);
        return TypedResults.Ok(report);
    }

    private static async Task ApplyAsync(int line, Func<Task<bool>> apply, ImportReport report, SemaphoreSlim gate)
    {
        try
        {
            if (await apply()) report.Accept();
            else report.Duplicate();
        }
        catch (Exception e) when (e is ArgumentException or OrleansException or TimeoutException)
        {
            report.Reject(line, new Dictionary<string, string[]> { ["line"] = [e.Message] }, ReportedErrors);
        }
        finally
        {
            gate.Release();
        }
    }

    private static Dictionary<string, string[]> Merge(Dictionary<string, string[]> first, Dictionary<string, string[]> second)
    {
        foreach (var (key, value) in second) first[key] = value;
        return first;
    }
}

/// <summary>One NDJSON line of <c>POST /v1/activity:import</c>.</summary>
internal sealed record ActivityLine
{
    public required string MemberId { get; init; }
    public required string EventId { get; init; }
    public required DateTimeOffset Time { get; init; }
    public required ActivityType Type { get; init; }
    public double Minutes { get; init; }
}

/// <summary>One NDJSON line of <c>POST /v1/features:import</c>.</summary>
internal sealed record FeaturesLine
{
    public required string MemberId { get; init; }
    public required Dictionary<string, double> Features { get; init; }
}

/// <summary>What an import did: counts, and the first rejected lines with their errors.</summary>
internal sealed class ImportReport
{
    private int _accepted;
    private int _duplicates;
    private int _rejected;

    public int Accepted => _accepted;

    /// <summary>Lines whose event id the member had already seen: replays change nothing.</summary>
    public int Duplicates => _duplicates;

    public int Rejected => _rejected;

    public List<RejectedLine> Errors { get; } = [];

    public void Accept() => Interlocked.Increment(ref _accepted);

    public void Duplicate() => Interlocked.Increment(ref _duplicates);

    public void Reject(int line, Dictionary<string, string[]> errors, int keep)
    {
        Interlocked.Increment(ref _rejected);
        lock (Errors)
        {
            if (Errors.Count < keep) Errors.Add(new RejectedLine(line, errors));
        }
    }
}

/// <summary>A rejected import line.</summary>
internal sealed record RejectedLine(int Line, Dictionary<string, string[]> Errors)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"line {Line}: {string.Join("; ", Errors.Keys)}");
}
