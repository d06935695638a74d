using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NotificationActors.Abstractions.Members;
using NotificationActors.Client.Http;

namespace NotificationActors.Client.Tests;

/// <summary>A service in a process of its own joins a three-silo PostgreSQL cluster through the client packages.</summary>
public sealed class RemoteClusterTests(PostgresClusterFixture cluster) : IClassFixture<PostgresClusterFixture>
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task AConsoleAppJoinsTheClusterThroughItsDatabaseAndTheClusterHoldsItsDecision()
    {
        var member = "sample-" + Guid.NewGuid().ToString("N")[..8];

        var (exitCode, output, error) = await RunSampleAsync(member, "o-1");

        Assert.True(exitCode == 0, $"The sample exited with {exitCode}: {error}{output}");
        var decision = JsonSerializer.Deserialize<SendDecision>(output, Web)!;
        Assert.Equal("o-1", decision.OpportunityId);

        // Another silo's API answers the replay with the decision the console app got: one cluster, one member.
        var services = new ServiceCollection();
        services.AddNotificationActorsHttpClient(cluster.Processes[^1].Address);
        var http = services.BuildServiceProvider().GetRequiredService<INotificationActors>();
        var replay = await http.OfferOpportunityAsync(member, new SendOpportunity
        {
            OpportunityId = "o-1",
            Time = DateTimeOffset.UtcNow,
            Candidates = [new CandidateMessage { MessageId = "other", Channel = MessageChannel.Email }],
        });
        Assert.Equal(decision, replay);

        Assert.Equal(PostgresClusterFixture.Silos, await ActiveSilosAsync());
    }

    // The silos' views of the membership converge within a few seconds of their start.
    private async Task<int> ActiveSilosAsync()
    {
        using var api = new HttpClient { BaseAddress = cluster.Processes[0].Address };
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            using var view = await api.GetFromJsonAsync<JsonDocument>(new Uri("v1/cluster", UriKind.Relative));
            var active = view!.RootElement.GetProperty("silos").EnumerateArray().Count(s => s.GetProperty("status").GetString() == "active");
            if (active == PostgresClusterFixture.Silos || DateTime.UtcNow > deadline)
            {
                return active;
            }

            await Task.Delay(200);
        }
    }

    // The app runs from its own build folder, on its own dependencies; the connection string and cluster id go in the
    // environment, as a deployment would give them.
    private async Task<(int ExitCode, string Output, string Error)> RunSampleAsync(string member, string opportunity)
    {
        // Its folder is its content root too: the test's own holds the silo's appsettings.json.
        var folder = Repository.Output("tests/NotificationActors.Client.Sample");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = folder };
        foreach (var argument in new[] { Path.Combine(folder, "NotificationActors.Client.Sample.dll"), $"Sample:Member={member}", $"Sample:Opportunity={opportunity}" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ConnectionStrings__NotificationActors"] = cluster.ConnectionString;
        start.Environment["NotificationActors__Client__ClusterId"] = cluster.ClusterId;
        using var sample = Process.Start(start) ?? throw new InvalidOperationException("Could not start dotnet.");
        var output = sample.StandardOutput.ReadToEndAsync();
        var error = sample.StandardError.ReadToEndAsync();
        await sample.WaitForExitAsync();
        return (sample.ExitCode, await output, await error);
    }
}
