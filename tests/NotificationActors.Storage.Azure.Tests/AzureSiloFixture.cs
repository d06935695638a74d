using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NotificationActors.Storage.Azure.Hosting;
using NotificationActors.Storage.TestSuites;

namespace NotificationActors.Storage.Azure.Tests;

/// <summary>One real silo whose learning log is a fresh table in Azurite (or the account <c>NA_AZURE</c> names).</summary>
public sealed class AzureSiloFixture : IAsyncLifetime
{
    private IHost? _host;

    public IServiceProvider Services => _host!.Services;

    public string ConnectionString { get; private set; } = "";

    public string Table { get; } = AzuriteServer.NewTableName("log");

    public async Task InitializeAsync()
    {
        ConnectionString = await AzuriteServer.ConnectionStringAsync();
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(silo => silo
            .UseLocalhostClustering(FreeTcpPort.Next(), FreeTcpPort.Next())
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
