using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NotificationActors.Storage.TestSuites;

namespace NotificationActors.Storage.Postgres.Tests;

/// <summary>A silo started for one use of a store it is configured with, then stopped: what each build of a store writes.</summary>
internal static class ThrowawaySilo
{
    public static async Task<T> UseAsync<T>(string serviceId, Action<ISiloBuilder> configure, Func<IServiceProvider, Task<T>> use)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(FreeTcpPort.Next(), FreeTcpPort.Next(), serviceId: serviceId, clusterId: serviceId);
            configure(silo);
        });
        using var host = builder.Build();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await host.StartAsync(timeout.Token);
        try
        {
            return await use(host.Services);
        }
        finally
        {
            await host.StopAsync(timeout.Token);
        }
    }
}
