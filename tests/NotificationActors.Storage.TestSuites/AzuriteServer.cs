using System.Diagnostics;
using System.Net.Sockets;

namespace NotificationActors.Storage.TestSuites;

/// <summary>
/// The Azure Storage account the tests run against: the one <c>NA_AZURE</c> names (a connection string), else
/// Azurite, pinned in <c>tests/azurite/package.json</c> and its lock file, installed there with <c>npm ci</c> when
/// missing and started in memory on free loopback ports until this process exits. Callers isolate themselves by
/// table name. Without Node.js the tests fail with a message saying what to install; they never skip.
/// </summary>
public static class AzuriteServer
{
    /// <summary>The environment variable holding an existing account's connection string.</summary>
    public const string EnvironmentVariable = "NA_AZURE";

    // Azurite's fixed development account (public, documented by Microsoft for the emulator).
    private const string Account = "devstoreaccount1";
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly Lazy<Task<string>> Account_ = new(StartAsync);

    /// <summary>The account's connection string, starting Azurite on first use.</summary>
    public static Task<string> ConnectionStringAsync() => Account_.Value;

    /// <summary>A table name no other caller uses (letters and digits, as Azure requires).</summary>
    public static string NewTableName(string purpose) => $"{purpose}{Guid.NewGuid():N}"[..Math.Min(63, 32 + purpose.Length)];

    private static async Task<string> StartAsync()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        var folder = FindPackageFolder();
        var azurite = Path.Combine(folder, "node_modules", ".bin", "azurite");
        if (!File.Exists(azurite))
        {
            try
            {
                await ServerProcess.RunAsync("npm", ["ci", "--no-audit", "--no-fund"], workingDirectory: folder).ConfigureAwait(false);
            }
            catch (System.ComponentModel.Win32Exception e)
            {
                throw new InvalidOperationException(
                    $"Azurite is needed by these tests: set {EnvironmentVariable} to a connection string, or install Node.js and npm so the tests can run 'npm ci' in {folder}.", e);
            }
        }

        // Another test process may take a probed port before Azurite binds it; Azurite then exits, and new ports are tried.
        for (var attempt = 1; ; attempt++)
        {
            var (blob, queue, table) = (FreeTcpPort.Next(), FreeTcpPort.Next(), FreeTcpPort.Next());
            var process = Process.Start(ServerProcess.Command(azurite,
            [
                "--inMemoryPersistence", "--skipApiVersionCheck", "--disableProductStyleUrl",
                "--blobHost", "127.0.0.1", "--blobPort", $"{blob}",
                "--queueHost", "127.0.0.1", "--queuePort", $"{queue}",
                "--tableHost", "127.0.0.1", "--tablePort", $"{table}",
            ])) ?? throw new InvalidOperationException($"Could not start {azurite}.");
            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            {
                if (!process.HasExited) process.Kill(entireProcessTree: true);
            };

            // Drain its output so a chatty emulator never blocks on a full pipe.
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            try
            {
                await WaitListeningAsync(process, [blob, queue, table]).ConfigureAwait(false);
            }
            catch (InvalidOperationException) when (process.HasExited && attempt < 3)
            {
                continue;
            }

            return $"DefaultEndpointsProtocol=http;AccountName={Account};AccountKey={AccountKey};" +
                $"BlobEndpoint=http://127.0.0.1:{blob}/{Account};QueueEndpoint=http://127.0.0.1:{queue}/{Account};TableEndpoint=http://127.0.0.1:{table}/{Account};";
        }
    }

    private static async Task WaitListeningAsync(Process process, int[] ports)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        foreach (var port in ports)
        {
            while (true)
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"Azurite exited with {process.ExitCode} before listening on 127.0.0.1:{port}.");
                }

                try
                {
                    using var client = new TcpClient();
                    await client.ConnectAsync("127.0.0.1", port, deadline.Token).ConfigureAwait(false);
                    break;
                }
                catch (SocketException)
                {
                    await Task.Delay(50, deadline.Token).ConfigureAwait(false);
                }
            }
        }
    }

    // tests/azurite sits beside the test projects; test binaries run from tests/<Project>/bin/<Configuration>/<tfm>.
    private static string FindPackageFolder()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "tests", "azurite");
            if (File.Exists(Path.Combine(candidate, "package.json")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"tests/azurite/package.json was not found above {AppContext.BaseDirectory}.");
    }
}
