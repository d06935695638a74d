using System.Text.Json.Nodes;
using NotificationActors.Silo.Hosting;
using static NotificationActors.Silo.Tests.Api.Json;

namespace NotificationActors.Silo.Tests.Api;

public sealed class RestartTests
{
    [Fact]
    public async Task ARestartOnTheSqliteFileKeepsPlansAndCounters()
    {
        var data = Path.Combine(Path.GetTempPath(), "na-restart-" + Guid.NewGuid().ToString("N"));
        var settings = new SiloSettings("http://127.0.0.1:0", StorageDeployments.Sqlite, 0, 0, data);
        try
        {
            JsonObject before;
            await using (var first = SiloHost.Build(settings, WeekAhead))
            {
                await first.StartAsync(TestContext.Current);
                using var client = new HttpClient { BaseAddress = new Uri(first.Urls.Single()) };
                await client.PutAsync(new Uri("/v1/members/survivor/features", UriKind.Relative), Body("""{ "features": { "engagedDaysPerWeek": 0.5 } }"""));
                await client.PostAsync(new Uri("/v1/members/survivor/plan:replan", UriKind.Relative), null);
                for (var i = 0; i < 30; i++)
                {
                    await client.PostAsync(new Uri("/v1/members/survivor/opportunities", UriKind.Relative), Body(OpportunityAt($"o-{i}", EndOfWeek(), Candidate($"m-{i}"), Candidate($"e-{i}", "email"))));
                }

                before = await (await client.GetAsync(new Uri("/v1/members/survivor/plan", UriKind.Relative))).ReadObject();
                await first.StopAsync(TestContext.Current);
            }

            await using var second = SiloHost.Build(settings, WeekAhead);
            await second.StartAsync(TestContext.Current);
            using var again = new HttpClient { BaseAddress = new Uri(second.Urls.Single()) };
            var after = await (await again.GetAsync(new Uri("/v1/members/survivor/plan", UriKind.Relative))).ReadObject();
            var replay = await (await again.PostAsync(new Uri("/v1/members/survivor/opportunities", UriKind.Relative), Body(Opportunity("o-0", Candidate("m-0"))))).ReadObject();

            Assert.Equal(before.ToJsonString(), after.ToJsonString());
            // Exploration can plan (0, 0) for a week; otherwise the end-of-week opportunities must have sent something.
            var budget = after["push"]!.GetValue<int>() + after["email"]!.GetValue<int>();
            Assert.True(budget == 0 || after["sent"]!["push"]!.GetValue<int>() + after["sent"]!["email"]!.GetValue<int>() > 0, "nothing was sent in 30 end-of-week opportunities");
            Assert.Equal(after["week"]!.GetValue<string>(), replay["planWeek"]!.GetValue<string>());
            await second.StopAsync(TestContext.Current);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(data, recursive: true);
        }
    }
}
