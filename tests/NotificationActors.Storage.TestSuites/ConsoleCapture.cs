using System.Text.RegularExpressions;

namespace NotificationActors.Storage.TestSuites;

/// <summary>Runs a command line in process, as a shell would, and returns what it printed (colours stripped).</summary>
public static partial class ConsoleCapture
{
    /// <param name="invoke">The command line, given the writers for its output and errors.</param>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(Func<TextWriter, TextWriter, Task<int>> invoke)
    {
        ArgumentNullException.ThrowIfNull(invoke);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await invoke(output, error);
        return (exitCode, Ansi().Replace(output.ToString(), ""), error.ToString());
    }

    // Spectre colours its output even into a writer; the assertions read the text.
    [GeneratedRegex("\x1b\\[[0-9;]*m")]
    private static partial Regex Ansi();
}
