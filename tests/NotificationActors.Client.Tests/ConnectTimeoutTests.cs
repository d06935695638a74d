using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NotificationActors.Client.Orleans;
using NotificationActors.Client.Postgres;
using NotificationActors.Storage.TestSuites;

namespace NotificationActors.Client.Tests;

public sealed class ConnectTimeoutTests
{
    // A hang would fail the test here rather than stall the run; the client's own timeout is far shorter.
    private static readonly TimeSpan Hang = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task StartingWithNoSiloFailsAfterTheConnectTimeoutNamingTheClusterAndTheGateways()
    {
        var port = FreeTcpPort.Next();
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddNotificationActorsClient(o =>
        {
            o.ClusterId = "nowhere";
            o.Gateways.Add($"127.0.0.1:{port}");
            o.ConnectTimeout = TimeSpan.FromSeconds(2);
        });
        using var host = builder.Build();

        var failure = await Assert.ThrowsAsync<TimeoutException>(() => host.StartAsync().WaitAsync(Hang));

        Assert.Contains("cluster 'nowhere'", failure.Message, StringComparison.Ordinal);
        Assert.Contains($"through the gateway 127.0.0.1:{port}", failure.Message, StringComparison.Ordinal);
        Assert.Contains("NotificationActors:Client:ConnectTimeout", failure.Message, StringComparison.Ordinal);
        Assert.NotNull(failure.InnerException);
    }

    [Fact]
    public void BadOptionsFromConfigurationOrCodeAreRefusedAtRegistrationNamingTheKey()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["NotificationActors:Client:Gateways:0"] = "gateway-1:30000";

        var failure = Assert.Throws<OptionsValidationException>(() => builder.AddNotificationActorsClient(o => o.ConnectTimeout = TimeSpan.Zero));
        var both = Assert.Throws<OptionsValidationException>(() => Host.CreateApplicationBuilder().AddNotificationActorsClient(o =>
        {
            o.Gateways.Add("10.0.0.5:30000");
            o.UsePostgresClustering("Host=db;Database=na");
        }));

        Assert.Contains(failure.Failures, f => f.StartsWith("NotificationActors:Client:Gateways[0]: 'gateway-1:30000'", StringComparison.Ordinal));
        Assert.Contains(failure.Failures, f => f.StartsWith("NotificationActors:Client:ConnectTimeout", StringComparison.Ordinal));
        Assert.Contains("PostgreSQL database 'na' on db:5432", Assert.Single(both.Failures), StringComparison.Ordinal);
    }
}
