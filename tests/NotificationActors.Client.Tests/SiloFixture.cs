using Microsoft.AspNetCore.Builder;
using NotificationActors.Silo.Hosting;

namespace NotificationActors.Client.Tests;

/// <summary>A real silo (HTTP and gateway on free ports, memory storage, an API key) for the clients to call.</summary>
public sealed class SiloFixture : IAsyncLifetime
{
    public const string Key = "client-key";

    private WebApplication? _app;

    public Uri HttpAddress { get; private set; } = null!;

    public int GatewayPort { get; } = FreePorts.Resolve(0);

    public async Task InitializeAsync()
    {
        _app = SiloHost.Build(new SiloSettings("http://127.0.0.1:0", StorageDeployments.Memory, 0, GatewayPort, SiloSettings.DefaultDataDirectory) { ApiKeys = [Key] });
        await _app.StartAsync();
        HttpAddress = new Uri(_app.Urls.Single() + "/");
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
