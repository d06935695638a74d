using System.Net.Http.Json;
using System.Text.Json;
using NotificationActors.Abstractions.Members;

namespace NotificationActors.Client.Http;

/// <summary>
/// <see cref="INotificationActors"/> over the HTTP API (docs/api.md) for services that are not in the cluster. A refused
/// request throws <see cref="NotificationActorsApiException"/> with the problem's status and field errors.
/// </summary>
internal sealed class NotificationActorsHttpClient(HttpClient http) : INotificationActors
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public Task<SendDecision> OfferOpportunityAsync(string memberId, SendOpportunity opportunity, CancellationToken cancellationToken = default) =>
        SendAsync<SendDecision>(HttpMethod.Post, Path(memberId, "opportunities"), opportunity, cancellationToken);

    public Task<EventReceipt> RecordFeedbackAsync(string memberId, FeedbackEvent feedback, CancellationToken cancellationToken = default) =>
        SendAsync<EventReceipt>(HttpMethod.Post, Path(memberId, "feedback"), feedback, cancellationToken);

    public Task<EventReceipt> RecordActivityAsync(string memberId, ActivityEvent activity, CancellationToken cancellationToken = default) =>
        SendAsync<EventReceipt>(HttpMethod.Post, Path(memberId, "activity"), activity, cancellationToken);

    public Task<TrafficReceipt> ApplyTrafficAsync(string memberId, MemberTraffic traffic, CancellationToken cancellationToken = default) =>
        SendAsync<TrafficReceipt>(HttpMethod.Post, Path(memberId, "traffic"), traffic, cancellationToken, retried: false);

    public Task<MemberPreferences> SetPreferencesAsync(string memberId, MemberPreferences preferences, CancellationToken cancellationToken = default) =>
        SendAsync<MemberPreferences>(HttpMethod.Put, Path(memberId, "preferences"), preferences, cancellationToken);

    public Task SetFeaturesAsync(string memberId, IReadOnlyDictionary<string, double> features, CancellationToken cancellationToken = default) =>
        SendAsync<JsonElement>(HttpMethod.Put, Path(memberId, "features"), new { features }, cancellationToken);

    public Task<PlanView> GetPlanAsync(string memberId, CancellationToken cancellationToken = default) =>
        SendAsync<PlanView>(HttpMethod.Get, Path(memberId, "plan"), null, cancellationToken);

    public Task<PlanView> ReplanAsync(string memberId, CancellationToken cancellationToken = default) =>
        SendAsync<PlanView>(HttpMethod.Post, Path(memberId, "plan:replan"), null, cancellationToken, retried: false);

    public Task<MemberView> GetMemberAsync(string memberId, CancellationToken cancellationToken = default) =>
        SendAsync<MemberView>(HttpMethod.Get, Path(memberId, ""), null, cancellationToken);

    public async Task ForgetAsync(string memberId, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, Path(memberId, ""));
        using var response = await http.SendAsync(request, cancellationToken);
        await ThrowIfRefusedAsync(response, cancellationToken);
    }

    // Checked before a request is made, as the Orleans client does: an id of dots would not even reach its route.
    private static Uri Path(string memberId, string resource)
    {
        MemberIds.ThrowIfInvalid(memberId);
        return new($"v1/members/{Uri.EscapeDataString(memberId)}{(resource.Length == 0 ? "" : "/" + resource)}", UriKind.Relative);
    }

    private async Task<T> SendAsync<T>(HttpMethod method, Uri path, object? body, CancellationToken cancellationToken, bool retried = true)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body, body.GetType(), options: Json) };
        if (!retried)
        {
            request.SentOnce();
        }

        using var response = await http.SendAsync(request, cancellationToken);
        await ThrowIfRefusedAsync(response, cancellationToken);
        return await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken)
            ?? throw new NotificationActorsApiException(response.StatusCode, "The API answered with an empty body.", new Dictionary<string, string[]>());
    }

    private static async Task ThrowIfRefusedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var title = response.ReasonPhrase ?? "The request was refused.";
        try
        {
            using var problem = JsonDocument.Parse(text);
            if (problem.RootElement.TryGetProperty("title", out var t) && t.GetString() is { } titleText) title = titleText;
            if (problem.RootElement.TryGetProperty("errors", out var fields) && fields.ValueKind == JsonValueKind.Object)
            {
                foreach (var field in fields.EnumerateObject())
                {
                    errors[field.Name] = field.Value.EnumerateArray().Select(e => e.GetString() ?? "").ToArray();
                }
            }
        }
        catch (JsonException)
        {
            // Not a problem document (e.g. a proxy's page): the status and reason still say what happened.
        }

        var detail = errors.Count == 0 ? title : $"{title} {string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"))}";
        throw new NotificationActorsApiException(response.StatusCode, $"{(int)response.StatusCode} {detail}", errors);
    }
}
