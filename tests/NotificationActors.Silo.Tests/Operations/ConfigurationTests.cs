using Microsoft.Data.Sqlite;
using NotificationActors.Silo.CommandLine;
using NotificationActors.Storage.Sqlite.Hosting;

namespace NotificationActors.Silo.Tests.Operations;

/// <summary>The run verb's options come from appsettings.json, then the environment, then flags, each winning over the one before.</summary>
[Collection(ProcessEnvironment.Name)]
public sealed class ConfigurationTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    [Fact]
    public async Task TheEnvironmentWinsOverTheFileAndAFlagOverBoth()
    {
        var root = Directory.CreateTempSubdirectory("na-config-").FullName;
        string Data(string source) => Path.Combine(root, source);
        var (filePort, environmentPort, flagPort) = (FreeTcpPort.Next(), FreeTcpPort.Next(), FreeTcpPort.Next());
        await File.WriteAllTextAsync(Path.Combine(root, SiloConfiguration.FileName), $$"""
            { "NotificationActors": { "Silo": { "Urls": "http://127.0.0.1:{{filePort}}", "Data": "{{Data("file")}}", "SiloPort": 0, "GatewayPort": 0 } } }
            """, TestContext.Current);
        try
        {
            await RunsAtAsync(root, [], filePort, Data("file"));

            Environment.SetEnvironmentVariable("NotificationActors__Silo__Urls", $"http://127.0.0.1:{environmentPort}");
            Environment.SetEnvironmentVariable("NotificationActors__Silo__Data", Data("environment"));
            await RunsAtAsync(root, [], environmentPort, Data("environment"));

            await RunsAtAsync(root, ["--urls", $"http://127.0.0.1:{flagPort}", "--data", Data("flag")], flagPort, Data("flag"));
        }
        finally
        {
            Environment.SetEnvironmentVariable("NotificationActors__Silo__Urls", null);
            Environment.SetEnvironmentVariable("NotificationActors__Silo__Data", null);
            SqliteConnection.ClearAllPools();
            Directory.Delete(root, recursive: true);
        }
    }

    // Runs the silo through its command line until it answers ready at the port, with its store in the folder, then stops it.
    private static async Task RunsAtAsync(string configurationFolder, string[] flags, int port, string data)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current);
        using var error = new StringWriter();
        var run = SiloCommandLine.InvokeAsync(["run", .. flags], TextWriter.Null, error, configurationFolder, stop.Token);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current);
        deadline.CancelAfter(Deadline);
        string answer;
        while ((answer = await ReadinessAsync(http, deadline.Token)) != "200")
        {
            if (run.IsCompleted)
            {
                Assert.Fail($"The silo exited ({await run}): {error}");
            }

            Assert.False(deadline.IsCancellationRequested, $"http://127.0.0.1:{port}/health/ready: {answer}");
            await Task.Delay(PollInterval, CancellationToken.None);
        }

        Assert.True(File.Exists(Path.Combine(data, SqliteDeployment.FileName)), $"no store in {data}");
        await stop.CancelAsync();
        Assert.Equal(0, await run);
    }

    // The status code and body of /health/ready, or why there is none.
    private static async Task<string> ReadinessAsync(HttpClient http, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync(new Uri("/health/ready", UriKind.Relative), cancellationToken);
            return response.IsSuccessStatusCode ? "200" : $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}";
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
            // Not listening yet, or past the deadline.
            return e.Message;
        }
    }
}
