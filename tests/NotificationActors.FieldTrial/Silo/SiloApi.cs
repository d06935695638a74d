using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using NotificationActors.Abstractions.Members;

namespace NotificationActors.FieldTrial.Silo;

/// <summary>The silo's HTTP API (docs/api.md) as a production caller uses it: JSON over HttpClient, nothing in-process.</summary>
internal sealed class SiloApi : IDisposable
{
    // Enough of a problem's body to name the bad field without flooding the console.
    private const int MaxProblemChars = 600;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly HttpClient _http;

    public SiloApi(Uri address, int concurrency)
    {
        Address = address;
        _http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency + 1 })
        {
            BaseAddress = address,

            // Moving the clock waits for every reminder it makes due; a day of a large trial can take a while.
            Timeout = TimeSpan.FromMinutes(10),
        };
    }

    public Uri Address { get; }

    /// <summary>Fails unless <c>GET /healthz</c> answers 200.</summary>
    public async Task CheckHealthAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var response = await _http.GetAsync(new Uri("healthz", UriKind.Relative), cancellationToken);
            await EnsureSuccessAsync(response, "GET /healthz", cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new SiloCallException($"No silo answers at {Address}: {e.Message}", e);
        }
    }

    /// <summary>Moves the silo's simulated clock and returns its time after the move.</summary>
    public async Task<DateTimeOffset> MoveClockAsync(ClockMove move, CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsJsonAsync("v1/admin/clock", move, Json, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            throw new SiloCallException($"The silo at {Address} runs with the system clock; the field trial needs one started with --clock simulated.");
        }

        return (await ReadAsync<ClockReading>(response, "POST /v1/admin/clock", cancellationToken)).Now;
    }

    public async Task<TrafficReceipt> ApplyTrafficAsync(string memberId, MemberTraffic traffic, CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsJsonAsync(Member(memberId, "/traffic"), traffic, Json, cancellationToken);
        return await ReadAsync<TrafficReceipt>(response, $"POST /v1/members/{memberId}/traffic", cancellationToken);
    }

    public async Task<PlanView> GetPlanAsync(string memberId, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(Member(memberId, "/plan"), cancellationToken);
        return await ReadAsync<PlanView>(response, $"GET /v1/members/{memberId}/plan", cancellationToken);
    }

    public async Task SetPreferencesAsync(string memberId, MemberPreferences preferences, CancellationToken cancellationToken)
    {
        using var response = await _http.PutAsJsonAsync(Member(memberId, "/preferences"), preferences, Json, cancellationToken);
        await EnsureSuccessAsync(response, $"PUT /v1/members/{memberId}/preferences", cancellationToken);
    }

    public async Task SetFeaturesAsync(string memberId, IReadOnlyDictionary<string, double> features, CancellationToken cancellationToken)
    {
        using var response = await _http.PutAsJsonAsync(Member(memberId, "/features"), new { features }, Json, cancellationToken);
        await EnsureSuccessAsync(response, $"PUT /v1/members/{memberId}/features", cancellationToken);
    }

    /// <summary>Forgets everything the silo holds about the member (<c>DELETE /v1/members/{id}</c>).</summary>
    public async Task ForgetAsync(string memberId, CancellationToken cancellationToken)
    {
        using var response = await _http.DeleteAsync(Member(memberId, ""), cancellationToken);
        await EnsureSuccessAsync(response, $"DELETE /v1/members/{memberId}", cancellationToken);
    }

    public void Dispose() => _http.Dispose();

    private static Uri Member(string memberId, string tail) => new($"v1/members/{Uri.EscapeDataString(memberId)}{tail}", UriKind.Relative);

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, string call, CancellationToken cancellationToken)
    {
        await EnsureSuccessAsync(response, call, cancellationToken);
        return await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken)
            ?? throw new SiloCallException($"{call} answered with an empty body.");
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, string call, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new SiloCallException($"{call} answered {(int)response.StatusCode} {response.ReasonPhrase}: {body[..Math.Min(body.Length, MaxProblemChars)]}");
        }
    }
}
