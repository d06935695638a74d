using NotificationActors.Silo.CommandLine;

namespace NotificationActors.Silo.Tests;

/// <summary>Runs the silo's command line in process, as a shell would, and returns what it printed (colours stripped).</summary>
internal static class Cli
{
    public static Task<(int ExitCode, string Output, string Error)> Run(params string[] args) =>
        ConsoleCapture.RunAsync((output, error) => SiloCommandLine.InvokeAsync(args, output, error, cancellationToken: TestContext.Current));

    /// <summary>Runs it with <paramref name="settings"/> as its appsettings.json (in a folder of its own, removed after).</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunWith(string settings, params string[] args)
    {
        var folder = Directory.CreateTempSubdirectory("na-cli-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder, SiloConfiguration.FileName), settings, TestContext.Current);
            return await ConsoleCapture.RunAsync((output, error) => SiloCommandLine.InvokeAsync(args, output, error, folder, TestContext.Current));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
