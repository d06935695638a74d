using System.CommandLine;
using NotificationActors.Simulation.Experiment;
using NotificationActors.Tooling.CommandLine;

namespace NotificationActors.Lab.Load.Experiment;

/// <summary><c>load experiment-floor</c>: what the policy experiment's days cannot go below on this machine.</summary>
internal static class ExperimentFloorCommand
{
    private const int MaxMembers = 4_000_000;
    private const int MaxDays = 365;
    private const int MaxStateBytes = 1 << 20;
    private const int MaxWeeks = 520;

    public static Command Create()
    {
        // The experiment run beside the floors splits its members over the arms, at least one each.
        var members = BoundedOptions.Create("--members", "Members called each day, and members of the experiment run beside the floors.", ExperimentFloorRun.TargetMembers, ExperimentOptions.ArmNames.Count, MaxMembers);
        var days = BoundedOptions.Create("--days", "Days of the world's traffic each floor phase sends, one call per member-day.", 7, 1, MaxDays);
        var stateBytes = BoundedOptions.Create("--state-bytes", "Bytes of the state the durable floor writes per call (a member state averages 3.4 KB).", 3_400, 1, MaxStateBytes);
        var concurrency = BoundedOptions.Create("--concurrency", "Calls in flight at once, as the experiment's driver makes them.", 512, 1, LoadCommand.MaxConcurrency);
        var experimentWeeks = BoundedOptions.Create("--experiment-weeks", "Weeks of the real experiment run last in the same process; 0 leaves it out.", 1, 0, MaxWeeks);

        var storage = new Option<string>("--storage")
        {
            Description = "The store of the floors' cluster and of the experiment: memory (the experiment's default) or sqlite (with the writes alone as SQLite updates).",
            DefaultValueFactory = _ => "memory",
        };
        storage.AcceptOnlyFromAmong("memory", "sqlite");

        var command = new Command("experiment-floor", "The experiment's member-day calls on its own cluster to a grain that decides nothing, without and with a state write (and on sqlite the writes alone as SQLite updates), then the real experiment, each as a rate.")
        {
            members, days, stateBytes, concurrency, experimentWeeks, storage,
        };
        LoadCommand.SetRun(command, parseResult => new ExperimentFloorSettings(
            parseResult.GetValue(members),
            parseResult.GetValue(days),
            parseResult.GetValue(stateBytes),
            parseResult.GetValue(concurrency),
            parseResult.GetValue(experimentWeeks),
            parseResult.GetValue(storage) == "sqlite" ? ExperimentStorage.Sqlite : ExperimentStorage.Memory), ExperimentFloorRun.RunAsync);
        return command;
    }
}
