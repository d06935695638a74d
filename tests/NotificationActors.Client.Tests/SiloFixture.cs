using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using NotificationActors.Silo.Hosting;

namespace NotificationActors.Client.Tests;

/// <summary>A real silo (HTTP and gateway on free ports, memory storage, an API key) for the clients to call.</summary>
public sealed class SiloFixture : IAsyncLifetime
{
    public const string Key = "client-key";

    private WebApplication? _app;

    public Uri HttpAddress { get; private set; } = null!;

    public int GatewayPort { get; } = FreePort();

    public async Task InitializeAsync()
    {
        _app = SiloHost.Build(new SiloSettings("http://127.0.0.1:0", StorageKind.Memory, FreePort(), GatewayPort, SiloSettings.DefaultDataDirectory) { ApiKeys = [Key] });
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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
