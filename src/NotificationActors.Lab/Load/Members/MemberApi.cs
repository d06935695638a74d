using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using NotificationActors.Silo.Apis;

namespace NotificationActors.Lab.Load.Members;

/// <summary>
/// The members' HTTP API as the member load runs call it: each call returns its status and its time from sending the
/// request to reading the whole response. Bodies are serialized before the clock starts and answers parsed after it
/// stops, with the API's own JSON options.
/// </summary>
internal sealed class MemberApi(HttpClient http)
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    public Task<Call> GetAsync(string path) => TimeAsync(HttpMethod.Get, path, body: null);

    public Task<Call> DeleteAsync(string path) => TimeAsync(HttpMethod.Delete, path, body: null);

    public Task<Call> PostAsync<T>(string path, T body) => TimeAsync(HttpMethod.Post, path, JsonSerializer.SerializeToUtf8Bytes(body, ApiJson.Options));

    public Task<Call> PutAsync<T>(string path, T body) => TimeAsync(HttpMethod.Put, path, JsonSerializer.SerializeToUtf8Bytes(body, ApiJson.Options));

    /// <summary>A POST whose answer the caller reads: null unless the status is 200.</summary>
    public async Task<(Call Call, TAnswer? Answer)> PostAsync<TBody, TAnswer>(string path, TBody body)
        where TAnswer : class
    {
        var (call, answer) = await SendAsync(HttpMethod.Post, path, JsonSerializer.SerializeToUtf8Bytes(body, ApiJson.Options));
        return (call, call.Status == HttpStatusCode.OK ? JsonSerializer.Deserialize<TAnswer>(answer, ApiJson.Options) : null);
    }

    private async Task<Call> TimeAsync(HttpMethod method, string path, byte[]? body) => (await SendAsync(method, path, body)).Call;

    private async Task<(Call Call, byte[] Answer)> SendAsync(HttpMethod method, string path, byte[]? body)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = Json;
        }

        var started = Stopwatch.GetTimestamp();
        using var response = await http.SendAsync(request);
        var answer = await response.Content.ReadAsByteArrayAsync();
        return (new Call(response.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds), answer);
    }

    /// <summary>One call's answer: its status, and how long it took.</summary>
    public readonly record struct Call(HttpStatusCode Status, double Milliseconds);
}
