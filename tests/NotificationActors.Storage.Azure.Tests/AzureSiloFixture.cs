using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NotificationActors.Storage.Azure.Hosting;
using NotificationActors.Storage.TestSuites;
using Orleans.Configuration;

namespace NotificationActors.Storage.Azure.Tests;

/// <summary>
/// One real silo on Azurite (or the account <c>NA_AZURE</c> names) as <c>--storage azure</c> configures it: Azure
/// Table membership, grain storage and reminders under a fresh cluster id, and the learning log in a fresh table.
/// </summary>
public sealed class AzureSiloFixture : IAsyncLifetime
{
    private IHost? _host;

    public IServiceProvider Services => _host!.Services;

    public string ConnectionString { get; private set; } = "";

    public const string Store = "store";

    public string Table { get; } = AzuriteServer.NewTableName("log");

    private readonly string _clusterId = $"azure-tests-{Guid.NewGuid():N}";

    public async Task InitializeAsync()
    {
        ConnectionString = await AzuriteServer.ConnectionStringAsync();
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(silo => silo
            .Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (_clusterId, _clusterId))
            .Configure<EndpointOptions>(o =>
            {
                o.AdvertisedIPAddress = System.Net.IPAddress.Loopback;
                o.SiloPort = FreeTcpPort.Next();
                o.GatewayPort = FreeTcpPort.Next();
            })
            .UseAzureClustering(ConnectionString)
            .AddAzureGrainStorage(Store, ConnectionString)
            .UseAzureReminderService(ConnectionString)
            .AddAzureLearningLog(ConnectionString, Table));
        _host = builder.Build();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await _host.StartAsync(timeout.Token);
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            await _host.StopAsync(timeout.Token);
            _host.Dispose();
        }
    }
}
