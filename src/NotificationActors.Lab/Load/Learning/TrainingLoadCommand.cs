using System.CommandLine;
using NotificationActors.Tooling.CommandLine;

namespace NotificationActors.Lab.Load.Learning;

/// <summary><c>load train</c>: the train job on a synthetic log, each stage against reading the log.</summary>
internal static class TrainingLoadCommand
{
    private const int MaxMemberWeeks = 100_000_000;

    public static Command Create()
    {
        var memberWeeks = BoundedOptions.Create("--member-weeks", $"Member-weeks in the synthetic learning log ({TrainingLoadRun.WeeksPerMember} weeks a member).", 1_000_000, TrainingLoadRun.WeeksPerMember, MaxMemberWeeks);
        var exploration = BoundedOptions.Create("--exploration", "Share of weeks whose action is drawn at random (the product explores 10%).", 0.1, 0.0, 1.0);
        var sqlite = new Option<bool>("--sqlite") { Description = "First write the log to a SQLite store (untimed) and read it back, as train reads a deployment." };

        var command = new Command("train", "Fit the four models on a synthetic learning log with the train job, timing each stage against reading the log.")
        {
            memberWeeks, exploration, sqlite,
        };
        LoadCommand.SetRun(command, parseResult => new TrainingLoadSettings(
            parseResult.GetValue(memberWeeks),
            parseResult.GetValue(exploration),
            parseResult.GetValue(sqlite)), TrainingLoadRun.RunAsync);
        return command;
    }
}
