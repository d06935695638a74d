using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NotificationActors.Abstractions.Members;
using NotificationActors.Client.Azure;
using NotificationActors.Client.Http;
using NotificationActors.Client.Orleans;
using NotificationActors.Storage.TestSuites;

namespace NotificationActors.Client.Tests;

/// <summary>A service joins a silo on Azure Storage (Azurite) through the Azure package, finding its gateway in the table membership.</summary>
public sealed class AzureClusterTests
{
    [Fact]
    public async Task AServiceFindsTheSiloInItsAzureTableMembershipAndTheSiloHoldsItsDecision()
    {
        var account = await AzuriteServer.ConnectionStringAsync();
        var clusterId = $"azure-{Guid.NewGuid():N}"[..20];
        await using var silo = await SiloProcess.StartAsync(FreeTcpPort.Next(),
            "--storage", "azure", "--azure", account, "--cluster-id", clusterId, "--advertise", "127.0.0.1", "--silo-port", "0", "--gateway-port", "0");
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddNotificationActorsClient(o =>
        {
            o.ClusterId = clusterId;
            o.UseAzureClustering(account);
        });
        using var host = builder.Build();
        await host.StartAsync(TestContext.Current);
        var member = "azure-" + Guid.NewGuid().ToString("N")[..8];

        var decision = await host.Services.GetRequiredService<INotificationActors>().OfferOpportunityAsync(member, Opportunity("m-1"));

        // The silo's HTTP API answers the replay with the decision the Orleans client got.
        var services = new ServiceCollection();
        services.AddNotificationActorsHttpClient(silo.Address);
        using var provider = services.BuildServiceProvider();
        Assert.Equal(decision, await provider.GetRequiredService<INotificationActors>().OfferOpportunityAsync(member, Opportunity("m-2")));
        await host.StopAsync(TestContext.Current);
    }

    private static SendOpportunity Opportunity(string messageId) => new()
    {
        OpportunityId = "o-1",
        Time = DateTimeOffset.UtcNow,
        Candidates = [new CandidateMessage { MessageId = messageId, Channel = MessageChannel.Push, Relevance = 0.9 }],
    };
}
