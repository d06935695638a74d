using System.CommandLine;
using NotificationActors.Tooling.CommandLine;

namespace NotificationActors.Lab.Load.Members;

/// <summary><c>load idle-members</c>: the managed heap after many members were touched and then left idle past the collection age.</summary>
internal static class IdleMembersCommand
{
    private const int DefaultMembers = 100_000;
    private const int DefaultConcurrency = 64;
    private const int DefaultCollectionAgeSeconds = 60;

    // Two waves tell a leak (the second adds to the first) from capacity Orleans keeps at its peak (it does not).
    private const int DefaultWaves = 2;
    private const int MaxWaves = 10;

    // Orleans needs the age above its collection quantum (a sixth of it here, in whole seconds).
    private const int MinCollectionAgeSeconds = 12;
    private const int MaxCollectionAgeSeconds = 3_600;

    public static Command Create()
    {
        var members = BoundedOptions.Create("--members", "Distinct members written once each (an opportunity); as many never-created members are read (each a 404).", DefaultMembers, 1, LoadCommand.MaxMembers);
        var concurrency = BoundedOptions.Create("--concurrency", "Requests in flight at once.", DefaultConcurrency, 1, LoadCommand.MaxConcurrency);
        var age = BoundedOptions.Create("--collection-age", "Seconds an idle activation lives before Orleans collects it (GrainCollectionOptions.CollectionAge); the run waits past it.", DefaultCollectionAgeSeconds, MinCollectionAgeSeconds, MaxCollectionAgeSeconds);

        var waves = BoundedOptions.Create("--waves", "Rounds of --members distinct members each, the heap measured once each round is idle.", DefaultWaves, 1, MaxWaves);

        var command = new Command("idle-members", "Touch many distinct members through the HTTP API on a SQLite silo with a short collection age, wait past it, and compare the managed heap with the start; count the rows and reminders stored.")
        {
            members, concurrency, age, waves,
        };
        LoadCommand.SetRun(command, parseResult => new IdleMembersSettings(
            parseResult.GetValue(members),
            parseResult.GetValue(concurrency),
            parseResult.GetValue(age),
            parseResult.GetValue(waves)), IdleMembersRun.RunAsync);
        return command;
    }
}
