using System.Diagnostics;

namespace NotificationActors.Storage.TestSuites;

/// <summary>Runs the programs behind the test servers, optionally as another user (PostgreSQL refuses root).</summary>
internal static class ServerProcess
{
    public static ProcessStartInfo Command(string program, IEnumerable<string> arguments, string? asUser = null, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(asUser is null ? program : "runuser")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? "",
        };
        if (asUser is not null)
        {
            foreach (var prefix in new[] { "-u", asUser, "--", program })
            {
                start.ArgumentList.Add(prefix);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    /// <summary>Runs a program to its end; a non-zero exit throws with what it printed.</summary>
    public static async Task RunAsync(string program, IEnumerable<string> arguments, string? asUser = null, string? workingDirectory = null)
    {
        using var process = Process.Start(Command(program, arguments, asUser, workingDirectory))
            ?? throw new InvalidOperationException($"Could not start {program}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(program)} exited with {process.ExitCode}: {await error.ConfigureAwait(false)}{await output.ConfigureAwait(false)}");
        }
    }
}
