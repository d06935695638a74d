using NotificationActors.Silo.CommandLine;

namespace NotificationActors.Silo.Tests;

/// <summary>Runs the silo's command line in process, as a shell would, and returns what it printed (colours stripped).</summary>
internal static class Cli
{
    public static Task<(int ExitCode, string Output, string Error)> Run(params string[] args) =>
        ConsoleCapture.RunAsync((output, error) => SiloCommandLine.InvokeAsync(args, output, error, TestContext.Current));
}
