using System.CommandLine;
using NotificationActors.Silo.Hosting;
using NotificationActors.Tooling.CommandLine;

namespace NotificationActors.Lab.Load.Http;

/// <summary><c>load http</c>: persisted decisions through the HTTP API against a ping grain behind the same endpoint shape.</summary>
internal static class HttpLoadCommand
{
    private const int MaxSeconds = 3_600;
    private const int MaxSilos = 10;

    public static Command Create()
    {
        var members = BoundedOptions.Create("--members", "Members the callers spread over; each is touched once (activation, reminder, plan) before the timed phases.", 20_000, 1, LoadCommand.MaxMembers);
        var concurrency = BoundedOptions.Create("--concurrency", "Requests in flight at once.", 64, 1, LoadCommand.MaxConcurrency);
        var seconds = BoundedOptions.Create("--seconds", "Seconds of each timed phase: the ping grain, then the decisions.", 15, 1, MaxSeconds);
        var silos = BoundedOptions.Create("--silos", "Silos in the process on a clustered store (postgres, azure); the callers spread over their APIs.", 3, 1, MaxSilos);
        var storage = LoadStores.Options(StorageDeployments.All, "Where the silos keep members and reminders");

        var command = new Command("http", "Persisted decisions per second through POST /v1/members/{id}/opportunities on loopback, against an empty ping grain behind the same endpoint shape in the same process.")
        {
            members, concurrency, seconds, silos,
        };
        storage.AddTo(command);
        command.Validators.Add(result =>
        {
            if (storage.Chosen(result) is { Clustered: false } chosen && result.GetResult(silos) is { Implicit: false })
            {
                result.AddError($"--silos is only used with a clustered store ({string.Join(" or ", StorageDeployments.All.Where(d => d.Clustered).Select(d => d.Name))}); --storage {chosen.Name} runs one silo.");
            }
        });
        LoadCommand.SetRun(command, parseResult => new HttpLoadSettings(
            parseResult.GetValue(members),
            parseResult.GetValue(concurrency),
            parseResult.GetValue(seconds),
            storage.Deployment(parseResult),
            storage.ConnectionString(parseResult),
            parseResult.GetValue(silos)), HttpLoadRun.RunAsync);
        return command;
    }
}
