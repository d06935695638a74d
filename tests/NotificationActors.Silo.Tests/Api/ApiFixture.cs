using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using NotificationActors.Silo.Hosting;

namespace NotificationActors.Silo.Tests.Api;

/// <summary>The real silo host (Kestrel on a free port, Orleans, memory storage) with an API key configured.</summary>
public class ApiFixture : IAsyncLifetime
{
    public const string Key = "test-key";

    private readonly string[] _hostArgs;
    private WebApplication? _app;

    public ApiFixture()
        : this([])
    {
    }

    /// <param name="hostArgs">The host's configuration, e.g. <c>--NotificationActors:Connections:KeepAliveTimeout=00:00:02</c>.</param>
    protected ApiFixture(string[] hostArgs) => _hostArgs = hostArgs;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>A client that presents the API key.</summary>
    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _app = SiloHost.Build(new SiloSettings("http://127.0.0.1:0", StorageDeployments.Memory, 0, 0, SiloSettings.DefaultDataDirectory) { ApiKeys = [Key] }, _hostArgs);
        await _app.StartAsync(TestContext.Current);
        BaseAddress = new Uri(_app.Urls.Single());
        Client = NewClient(Key);
    }

    public HttpClient NewClient(string? key)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        if (key is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync(TestContext.Current);
            await _app.DisposeAsync();
        }
    }
}
