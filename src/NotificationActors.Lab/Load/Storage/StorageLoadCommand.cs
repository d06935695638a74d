using System.CommandLine;
using NotificationActors.Storage.Sqlite;
using NotificationActors.Tooling.CommandLine;

namespace NotificationActors.Lab.Load.Storage;

/// <summary><c>load storage</c>: grain writes through the SQLite grain storage against raw batched inserts.</summary>
internal static class StorageLoadCommand
{
    private const int DefaultWrites = 200_000;
    private const int DefaultGrains = 20_000;

    // Each write's latency is kept until the end: 100 million of them take 800 MB.
    private const int MaxWrites = 100_000_000;
    private const int MaxPayloadBytes = 1 << 20;

    public static Command Create()
    {
        var writes = BoundedOptions.Create("--writes", "Grain state writes in all; each raw run inserts as many rows.", DefaultWrites, 1, MaxWrites);
        var grains = BoundedOptions.Create("--grains", "Grains the writes go to in turn (at most --writes).", DefaultGrains, 1, MaxWrites);
        var concurrency = BoundedOptions.Create("--concurrency", "Writes in flight at once, each worker writing grains of its own.", 512, 1, LoadCommand.MaxConcurrency);
        var payload = BoundedOptions.Create("--payload", "Bytes of each grain state's payload.", 1024, 1, MaxPayloadBytes);
        var durability = new Option<string>("--durability")
        {
            Description = "full (every commit flushed to disk, as a deployment runs) or normal (commits survive a killed process, not a power loss).",
            DefaultValueFactory = _ => "full",
        };
        durability.AcceptOnlyFromAmong("full", "normal");

        var command = new Command("storage", "Grain state writes per second through the SQLite grain storage under concurrency, with latency percentiles, against raw batched inserts into the same file before and after.")
        {
            writes, grains, concurrency, payload, durability,
        };
        command.Validators.Add(result =>
        {
            // A command's validators see the options given, not the defaults of the others (dotnet/command-line-api#2841).
            var writeCount = result.GetResult(writes) is null ? DefaultWrites : result.GetValue(writes);
            var grainCount = result.GetResult(grains) is null ? DefaultGrains : result.GetValue(grains);
            if (grainCount > writeCount)
            {
                result.AddError($"--grains ({grainCount}) must not exceed --writes ({writeCount}).");
            }
        });
        LoadCommand.SetRun(command, parseResult => new StorageLoadSettings(
            parseResult.GetValue(writes),
            parseResult.GetValue(grains),
            parseResult.GetValue(concurrency),
            parseResult.GetValue(payload),
            parseResult.GetRequiredValue(durability) == "normal" ? SqliteDurability.Normal : SqliteDurability.Full), StorageLoadRun.RunAsync);
        return command;
    }
}
