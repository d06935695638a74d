using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NotificationActors.Storage.Postgres.Hosting;
using NotificationActors.Storage.TestSuites;
using Orleans.Configuration;

namespace NotificationActors.Storage.Postgres.Tests;

/// <summary>One real silo with its clustering, grain storage, reminders and learning log on a fresh PostgreSQL database.</summary>
public sealed class PostgresSiloFixture : IAsyncLifetime
{
    public const string Store = "store";

    private IHost? _host;

    public IServiceProvider Services => _host!.Services;

    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        ConnectionString = await PostgresServer.CreateDatabaseAsync("silo");
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(silo => silo
            .Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = ("pg-tests", "pg-tests"))
            .Configure<EndpointOptions>(o =>
            {
                o.AdvertisedIPAddress = System.Net.IPAddress.Loopback;
                o.SiloPort = FreeTcpPort.Next();
                o.GatewayPort = FreeTcpPort.Next();
            })
            .UsePostgresClustering(ConnectionString)
            .AddPostgresGrainStorage(Store, ConnectionString)
            .UsePostgresReminderService(ConnectionString)
            .AddPostgresLearningLog(ConnectionString));
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
