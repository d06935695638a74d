using System.CommandLine;
using NotificationActors.Grains.Members;
using NotificationActors.Tooling.CommandLine;

namespace NotificationActors.Lab.Load.Members;

/// <summary><c>load largest-state</c>: single decisions on the largest member state valid calls can build, against typical members.</summary>
internal static class LargestStateCommand
{
    private const int DefaultDecisions = 200;

    public static Command Create()
    {
        var decisions = BoundedOptions.Create("--decisions", "Decisions timed on each kind of member; the largest member's week is filled up to the cap less these.", DefaultDecisions, 1, MemberGrainOptions.DefaultDecisionsPerWeek);

        var command = new Command("largest-state", "Build one member to the largest state valid calls can make through the HTTP API on SQLite, and time single decisions on it against typical members, with the stored states' sizes.")
        {
            decisions,
        };
        LoadCommand.SetRun(command, parseResult => new LargestStateSettings(parseResult.GetValue(decisions)), LargestStateRun.RunAsync);
        return command;
    }
}
