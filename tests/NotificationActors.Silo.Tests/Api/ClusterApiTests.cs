using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using NotificationActors.Silo.Hosting;
using NotificationActors.Storage.TestSuites;
using static NotificationActors.Silo.Tests.Api.Json;

namespace NotificationActors.Silo.Tests.Api;

/// <summary>Three <c>run</c> silos on one clustered store, as docs/operations.md starts them, each with its HTTP API.</summary>
public abstract class ClusterApiSuite
{
    /// <summary>The settings of one silo of a fresh cluster; every call for one test names the same store.</summary>
    private protected abstract Task<Func<SiloSettings>> NewClusterAsync();

    private protected static SiloSettings Silo(NotificationActors.Storage.StorageDeployment storage) =>
        new("http://127.0.0.1:0", storage, 0, 0, SiloSettings.DefaultDataDirectory) { AdvertisedAddress = IPAddress.Loopback };

    [Fact]
    public async Task AnyApiServesAnyMemberAndAGracefullyStoppedSilosMembersAreServedAtOnceWithTheirPlans()
    {
        var settings = await NewClusterAsync();
        var silos = new List<WebApplication>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                var app = SiloHost.Build(settings());
                silos.Add(app);
                await app.StartAsync(TestContext.Current);
            }

            var apis = silos.Select(s => new HttpClient { BaseAddress = new Uri(s.Urls.Single()) }).ToArray();
            var members = Enumerable.Range(0, 30).Select(i => $"c-{i}").ToArray();
            foreach (var (member, i) in members.Select((m, i) => (m, i)))
            {
                using var decided = await apis[i % 3].PostAsync(new Uri($"/v1/members/{member}/opportunities", UriKind.Relative), Body(Opportunity("o-1", Candidate("m-1"))));
                Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
            }

            var cluster = await (await apis[0].GetAsync(new Uri("/v1/cluster", UriKind.Relative))).ReadObject();
            var active = cluster["silos"]!.AsArray().Where(s => s!["status"]!.GetValue<string>() == "active").ToArray();
            Assert.Equal(3, active.Length);
            Assert.True(active.Count(s => s!["activations"]!.GetValue<int>() > 0) >= 2, "the members' activations should spread over the silos");

            // Each member answers the same through every silo's API, wherever its grain lives.
            var plans = new Dictionary<string, string>();
            foreach (var member in members)
            {
                var views = await Task.WhenAll(apis.Select(async api => (await (await api.GetAsync(new Uri($"/v1/members/{member}/plan", UriKind.Relative))).ReadObject()).ToJsonString()));
                Assert.Single(views.Distinct());
                plans[member] = views[0];
            }

            // A graceful stop hands the stopped silo's members to the others: the next call is served, plan intact.
            await silos[1].StopAsync(TestContext.Current);
            foreach (var member in members)
            {
                using var response = await apis[0].GetAsync(new Uri($"/v1/members/{member}/plan", UriKind.Relative));
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Equal(plans[member], (await response.ReadObject()).ToJsonString());
            }

            foreach (var api in apis)
            {
                api.Dispose();
            }
        }
        finally
        {
            foreach (var silo in silos)
            {
                await silo.StopAsync(TestContext.Current);
                await silo.DisposeAsync();
            }
        }
    }
}

public sealed class PostgresClusterApiTests : ClusterApiSuite
{
    private protected override async Task<Func<SiloSettings>> NewClusterAsync()
    {
        var database = await PostgresServer.CreateDatabaseAsync("silos");
        return () => Silo(StorageDeployments.Postgres) with { ConnectionString = database };
    }
}

public sealed class AzureClusterApiTests : ClusterApiSuite
{
    // Azurite holds every test's rows; a fresh cluster id keeps this cluster's membership and reminders apart.
    private protected override async Task<Func<SiloSettings>> NewClusterAsync()
    {
        var account = await AzuriteServer.ConnectionStringAsync();
        var clusterId = $"api-{Guid.NewGuid():N}";
        return () => Silo(StorageDeployments.Azure) with { ConnectionString = account, ClusterId = clusterId };
    }
}
