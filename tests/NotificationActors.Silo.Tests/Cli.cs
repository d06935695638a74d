using NotificationActors.Silo.CommandLine;

namespace NotificationActors.Silo.Tests;

/// <summary>Runs the silo's command line in process, as a shell would, and returns what it printed (colours stripped).</summary>
internal static partial class Cli
{
    public static async Task<(int ExitCode, string Output, string Error)> Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await SiloCommandLine.InvokeAsync(args, output, error, TestContext.Current);
        return (exitCode, Ansi().Replace(output.ToString(), ""), error.ToString());
    }

    // Spectre colours its output even into a writer; the assertions read the text.
    [System.Text.RegularExpressions.GeneratedRegex("\x1b\\[[0-9;]*m")]
    private static partial System.Text.RegularExpressions.Regex Ansi();
}
