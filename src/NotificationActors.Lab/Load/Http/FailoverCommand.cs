using System.CommandLine;
using NotificationActors.Silo.Hosting;
using NotificationActors.Tooling.CommandLine;

namespace NotificationActors.Lab.Load.Http;

/// <summary><c>load failover</c>: how long a killed silo's members go unserved.</summary>
internal static class FailoverCommand
{
    public static Command Create()
    {
        var members = BoundedOptions.Create("--members", "Members activated through the survivors before the kill, then asked for their plans until each answers.", 3_000, 1, LoadCommand.MaxMembers);
        var concurrency = BoundedOptions.Create("--concurrency", "Requests in flight at once.", 32, 1, LoadCommand.MaxConcurrency);
        var storage = LoadStores.Options([StorageDeployments.Postgres, StorageDeployments.Azure], "Where the three silos form their cluster and keep members and reminders");

        var command = new Command("failover", "Start three silo processes on one clustered store, SIGKILL one, and time until the survivors declare it dead and serve its members again.")
        {
            members, concurrency,
        };
        storage.AddTo(command);
        // The validators have checked that the chosen store's connection string is given.
        LoadCommand.SetRun(command, parseResult => new FailoverSettings(
            parseResult.GetValue(members),
            parseResult.GetValue(concurrency),
            storage.Deployment(parseResult),
            storage.ConnectionString(parseResult)!), FailoverRun.RunAsync);
        return command;
    }
}
