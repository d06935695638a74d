using System.CommandLine;
using Spectre.Console;

namespace NotificationActors.Lab.CommandLine;

/// <summary>The console a verb writes its tables and progress to: the invocation's output, so tests read what a shell sees.</summary>
internal static class LabConsole
{
    public static IAnsiConsole For(ParseResult parseResult) =>
        AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(parseResult.InvocationConfiguration.Output) });
}
