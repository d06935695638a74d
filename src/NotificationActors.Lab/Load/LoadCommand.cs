using System.CommandLine;
using NotificationActors.Lab.CommandLine;
using NotificationActors.Lab.Load.Experiment;
using NotificationActors.Lab.Load.Flood;
using NotificationActors.Lab.Load.Http;
using NotificationActors.Lab.Load.Learning;
using NotificationActors.Lab.Load.Members;
using NotificationActors.Lab.Load.Storage;
using Spectre.Console;

namespace NotificationActors.Lab.Load;

/// <summary>
/// <c>load</c>: the load runs (docs/performance.md). They are not BenchmarkDotNet jobs: each drives a path of the
/// product under concurrency and reports it against a floor measured in the same process.
/// </summary>
internal static class LoadCommand
{
    /// <summary>Most members a run spreads its calls over.</summary>
    public const int MaxMembers = 10_000_000;

    /// <summary>Most calls a run keeps in flight.</summary>
    public const int MaxConcurrency = 10_000;

    public static Command Create() => new("load", "Load runs: a store, the HTTP API, training, the experiment's floor and failover, each against a floor measured in the same run; idle members' memory, decisions at the largest state, and a connection flood against the silo's timeouts.")
    {
        StorageLoadCommand.Create(),
        HttpLoadCommand.Create(),
        IdleMembersCommand.Create(),
        LargestStateCommand.Create(),
        TrainingLoadCommand.Create(),
        ExperimentFloorCommand.Create(),
        FailoverCommand.Create(),
        FloodCommand.Create(),
    };

    /// <summary>
    /// Makes <paramref name="run"/>, on the settings <paramref name="settings"/> reads from the parsed options, the
    /// action of <paramref name="command"/>; a run refusing its data (a log too small to train on) exits 1 saying why.
    /// </summary>
    public static void SetRun<TSettings>(Command command, Func<ParseResult, TSettings> settings, Func<TSettings, IAnsiConsole, Task> run) =>
        command.SetAction(async (parseResult, _) =>
        {
            try
            {
                await run(settings(parseResult), LabConsole.For(parseResult));
                return 0;
            }
            catch (InvalidDataException e)
            {
                await parseResult.InvocationConfiguration.Error.WriteLineAsync($"load {command.Name}: {e.Message}");
                return 1;
            }
        });
}
