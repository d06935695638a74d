using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using NotificationActors.Silo.Hosting;

namespace NotificationActors.Silo.Tests;

public class SiloHostTests
{
    private static readonly SiloSettings FreePorts = new("http://127.0.0.1:0", StorageKind.Memory, 0, 0, SiloSettings.DefaultDataDirectory);

    [Fact]
    public async Task HealthzAnswers200OnceTheSiloIsActiveAndTheSiloStopsCleanly()
    {
        await using var app = SiloHost.Build(FreePorts);
        await app.StartAsync(TestContext.Current);
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };

        using var response = await http.GetAsync(new Uri("/healthz", UriKind.Relative), TestContext.Current);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("active", await response.Content.ReadAsStringAsync(TestContext.Current), StringComparison.Ordinal);

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
            await using var app = SiloHost.Build(FreePorts with { Storage = StorageKind.Sqlite, DataDirectory = data });
            await app.StartAsync(TestContext.Current);
            using var http = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };

            using var response = await http.GetAsync(new Uri("/healthz", UriKind.Relative), TestContext.Current);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(File.Exists(Path.Combine(data, SiloSettings.SqliteFileName)));
            await app.StopAsync(TestContext.Current);
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
        await using var app = SiloHost.Build(FreePorts);
        await app.StartAsync(TestContext.Current);
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };

        using var response = await http.GetAsync(new Uri("/nothing-here", UriKind.Relative), TestContext.Current);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        await app.StopAsync(TestContext.Current);
    }
}
