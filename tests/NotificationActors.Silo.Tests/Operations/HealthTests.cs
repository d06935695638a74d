using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Npgsql;
using NotificationActors.Silo.Hosting;
using NotificationActors.Silo.Tests.Api;
using NotificationActors.Storage.Sqlite.Hosting;

namespace NotificationActors.Silo.Tests.Operations;

/// <summary>/health/live answers while the process does; /health/ready follows the store and the membership.</summary>
public sealed class HealthTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    [Fact]
    public async Task ReadinessFailsWhileTheSqliteFileIsReplacedByAFolderAndRecoversWhenItIsBack()
    {
        var data = Directory.CreateTempSubdirectory("na-health-").FullName;
        var file = Path.Combine(data, SqliteDeployment.FileName);
        var app = SiloHost.Build(new SiloSettings("http://127.0.0.1:0", StorageDeployments.Sqlite, 0, 0, data));
        try
        {
            await app.StartAsync(TestContext.Current);
            using var http = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };
            var ready = await ReadyAsync(http, HttpStatusCode.OK);
            Assert.Equal("Healthy", ready["checks"]!["store"]!.GetValue<string>());
            Assert.Equal("Healthy", ready["checks"]!["membership"]!.GetValue<string>());

            // The file the silo would open after a restart is gone, a folder in its place.
            File.Move(file, file + ".away");
            Directory.CreateDirectory(file);
            var down = await ReadyAsync(http, HttpStatusCode.ServiceUnavailable);
            Assert.Equal("Unhealthy", down["checks"]!["store"]!.GetValue<string>());
            Assert.Equal(HttpStatusCode.OK, await LiveAsync(http));

            Directory.Delete(file);
            File.Move(file + ".away", file);
            await ReadyAsync(http, HttpStatusCode.OK);
            Assert.Equal(HttpStatusCode.OK, await LiveAsync(http));
            await app.StopAsync(TestContext.Current);
        }
        finally
        {
            await app.DisposeAsync();
            SqliteConnection.ClearAllPools();
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task ReadinessFailsWhileThePostgresDatabaseRefusesConnectionsAndRecoversWhenItTakesThemAgain()
    {
        var database = await PostgresServer.CreateDatabaseAsync("health");
        var name = new NpgsqlConnectionStringBuilder(database).Database!;
        var admin = new NpgsqlConnectionStringBuilder(database) { Database = "postgres", Pooling = false }.ConnectionString;
        var app = SiloHost.Build(new SiloSettings("http://127.0.0.1:0", StorageDeployments.Postgres, 0, 0, SiloSettings.DefaultDataDirectory)
        {
            ConnectionString = database,
            AdvertisedAddress = IPAddress.Loopback,
        });
        try
        {
            await app.StartAsync(TestContext.Current);
            using var http = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };
            Assert.Equal("Healthy", (await ReadyAsync(http, HttpStatusCode.OK))["checks"]!["store"]!.GetValue<string>());

            // The database takes no connections and drops those it has, as in a server restart.
            await ExecuteAsync(admin, $"ALTER DATABASE \"{name}\" ALLOW_CONNECTIONS false; SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}';");
            Assert.Equal("Unhealthy", (await ReadyAsync(http, HttpStatusCode.ServiceUnavailable))["checks"]!["store"]!.GetValue<string>());
            Assert.Equal(HttpStatusCode.OK, await LiveAsync(http));

            await ExecuteAsync(admin, $"ALTER DATABASE \"{name}\" ALLOW_CONNECTIONS true;");
            await ReadyAsync(http, HttpStatusCode.OK);
            await app.StopAsync(TestContext.Current);
        }
        finally
        {
            await app.DisposeAsync();
        }
    }

    [Fact]
    public async Task ReadinessChecksTheAzureStorageAccount()
    {
        var app = SiloHost.Build(new SiloSettings("http://127.0.0.1:0", StorageDeployments.Azure, 0, 0, SiloSettings.DefaultDataDirectory)
        {
            ConnectionString = await AzuriteServer.ConnectionStringAsync(),
            ClusterId = $"health-{Guid.NewGuid():N}",
            AdvertisedAddress = IPAddress.Loopback,
        });
        try
        {
            await app.StartAsync(TestContext.Current);
            using var http = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };

            Assert.Equal("Healthy", (await ReadyAsync(http, HttpStatusCode.OK))["checks"]!["store"]!.GetValue<string>());
            await app.StopAsync(TestContext.Current);
        }
        finally
        {
            await app.DisposeAsync();
        }
    }

    [Fact]
    public async Task TheHealthRoutesAnswerWithoutAKeyAndStayOutOfTheOpenApiDocument()
    {
        using var anonymous = api.NewClient(key: null);

        Assert.Equal(HttpStatusCode.OK, await LiveAsync(anonymous));
        var ready = await ReadyAsync(anonymous, HttpStatusCode.OK);
        Assert.Equal("Healthy", ready["checks"]!["membership"]!.GetValue<string>());
        using var healthz = await anonymous.GetAsync(new Uri("/healthz", UriKind.Relative), TestContext.Current);
        Assert.Equal(HttpStatusCode.OK, healthz.StatusCode);
        Assert.Contains("active", await healthz.Content.ReadAsStringAsync(TestContext.Current), StringComparison.Ordinal);
        var document = await api.Client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative), TestContext.Current);
        Assert.DoesNotContain("\"/health", document, StringComparison.Ordinal);
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(TestContext.Current);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(TestContext.Current);
    }

    private static async Task<HttpStatusCode> LiveAsync(HttpClient http)
    {
        using var response = await http.GetAsync(new Uri("/health/live", UriKind.Relative), TestContext.Current);
        return response.StatusCode;
    }

    // Polls until readiness answers the status, or fails at the deadline with the last answer.
    private static async Task<JsonObject> ReadyAsync(HttpClient http, HttpStatusCode expected)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current);
        deadline.CancelAfter(Deadline);
        while (true)
        {
            using var response = await http.GetAsync(new Uri("/health/ready", UriKind.Relative), deadline.Token);
            var body = await response.Content.ReadAsStringAsync(deadline.Token);
            if (response.StatusCode == expected)
            {
                return JsonNode.Parse(body)!.AsObject();
            }

            Assert.False(deadline.IsCancellationRequested, $"/health/ready still answers {(int)response.StatusCode} {body}, not {(int)expected}.");
            await Task.Delay(PollInterval, deadline.Token);
        }
    }
}
