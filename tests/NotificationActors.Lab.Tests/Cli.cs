using NotificationActors.Lab.CommandLine;

namespace NotificationActors.Lab.Tests;

/// <summary>Runs the lab's command line in process, as a shell would, and returns what it printed (colours stripped).</summary>
internal static class Cli
{
    public static Task<(int ExitCode, string Output, string Error)> Run(params string[] args) =>
        ConsoleCapture.RunAsync((output, error) => LabCommandLine.InvokeAsync(args, output, error, TestContext.Current));
}
