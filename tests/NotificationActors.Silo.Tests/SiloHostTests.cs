using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using NotificationActors.Abstractions.Members;
using NotificationActors.Grains.Training;
using NotificationActors.Policy.Slow;
using NotificationActors.Silo.Hosting;

namespace NotificationActors.Silo.Tests;

public class SiloHostTests
{
    private static readonly SiloSettings FreePorts = new("http://127.0.0.1:0", StorageDeployments.Memory, 0, 0, SiloSettings.DefaultDataDirectory);

    // Starts the silo, makes one GET and returns the status with the running app (the caller stops it).
    private static async Task<(WebApplication App, HttpStatusCode Status, string Body)> StartAndGetAsync(SiloSettings settings, string path)
    {
        var app = SiloHost.Build(settings);
        await app.StartAsync(TestContext.Current);
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current);
        return (app, response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current));
    }

    [Fact]
    public async Task HealthzAnswers200OnceTheSiloIsActiveAndTheSiloStopsCleanly()
    {
        var (app, status, body) = await StartAndGetAsync(FreePorts, "/healthz");
        await using var _ = app;

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("active", body, StringComparison.Ordinal);
        var readiness = app.Services.GetRequiredService<SiloReadiness>();
        await app.StopAsync(TestContext.Current);
        Assert.False(readiness.IsActive);
    }

    [Fact]
    public async Task TheDefaultSqliteStoreCreatesItsFileUnderTheDataFolder()
    {
        var data = Path.Combine(Path.GetTempPath(), "na-silo-" + Guid.NewGuid().ToString("N"));
        try
        {
            var (app, status, _) = await StartAndGetAsync(FreePorts with { Storage = StorageDeployments.Sqlite, DataDirectory = data }, "/healthz");
            await using var _ = app;

            Assert.Equal(HttpStatusCode.OK, status);
            Assert.True(File.Exists(Path.Combine(data, NotificationActors.Storage.Sqlite.Hosting.SqliteDeployment.FileName)));
            await app.StopAsync(TestContext.Current);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task OnTheSqliteStoreTheLearningLoopServesTheHierarchicalArmsWeekByDefault()
    {
        var data = Path.Combine(Path.GetTempPath(), "na-silo-" + Guid.NewGuid().ToString("N"));
        try
        {
            var app = SiloHost.Build(FreePorts with { Storage = StorageDeployments.Sqlite, DataDirectory = data });
            await app.StartAsync(TestContext.Current);
            await using (app)
            {
                var grains = app.Services.GetRequiredService<IGrainFactory>();
                var member = grains.GetGrain<IMemberGrain>("loop-member");
                await member.SetPreferences(new MemberPreferences());
                var plan = await member.Replan();

                // An empty log trains nothing: the week plans with the built-in prior, as the loop's serving says.
                var serving = Assert.Single(await grains.GetGrain<ILearningLoopGrain>("hierarchical").History());
                Assert.Equal(plan.Week, serving.Week);
                Assert.Null(serving.PriorFrom);
                Assert.Contains("kept", serving.Summary, StringComparison.Ordinal);
                Assert.Equal(ParametricRewardModel.DefaultVersion, plan.ModelVersion);
                Assert.True(app.Services.GetRequiredService<LoopServings>().Enabled);
                await app.StopAsync(TestContext.Current);
            }

            // Off when configured off.
            await using var off = SiloHost.Build(FreePorts with { Storage = StorageDeployments.Sqlite, DataDirectory = data }, ["--NotificationActors:Learning:Loop:Enabled=false"]);
            Assert.False(off.Services.GetRequiredService<LoopServings>().Enabled);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task AnUnknownPathIs404()
    {
        var (app, status, _) = await StartAndGetAsync(FreePorts, "/nothing-here");
        await using var _ = app;

        Assert.Equal(HttpStatusCode.NotFound, status);
        await app.StopAsync(TestContext.Current);
    }
}
