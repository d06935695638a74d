using System.Diagnostics;
using Npgsql;

namespace NotificationActors.Storage.TestSuites;

/// <summary>
/// The PostgreSQL server the tests run against: the one <c>NA_POSTGRES</c> names (a connection string whose user
/// may create databases), else a throwaway server this process starts on a free loopback port from Debian's
/// binaries and stops when it exits. Each caller gets a database of its own. With neither, tests fail with a
/// message saying what to install; they never skip.
/// </summary>
public static class PostgresServer
{
    /// <summary>The environment variable holding an existing server's connection string.</summary>
    public const string EnvironmentVariable = "NA_POSTGRES";

    private static readonly Lazy<Task<string>> Admin = new(StartAsync);

    /// <summary>
    /// Set before the first database is created: a started server then commits durably (fsync, synchronous
    /// commit), as production does. Tests leave it off: their data need not survive a machine crash.
    /// </summary>
    public static bool Durable { get; set; }

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync(string purpose)
    {
        var admin = await Admin.Value.ConfigureAwait(false);
        var name = $"na_{purpose}_{Guid.NewGuid():N}"[..Math.Min(63, 36 + purpose.Length)].ToLowerInvariant();
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync().ConfigureAwait(false);
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\";", connection);
            await create.ExecuteNonQueryAsync().ConfigureAwait(false);
        }

        return new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
    }

    private static async Task<string> StartAsync()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        var bin = FindBinaries() ?? throw new InvalidOperationException(
            $"PostgreSQL is needed by these tests: set {EnvironmentVariable} to a connection string, or install Debian's " +
            "'postgresql' package (apt-get install postgresql; ./test.sh does) so the tests can start their own server.");
        var root = Directory.CreateTempSubdirectory("na-postgres-").FullName;
        var data = Path.Combine(root, "data");
        var port = FreeTcpPort.Next();

        // PostgreSQL refuses to run as root; as root, the server runs as Debian's 'postgres' user.
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            await ServerProcess.RunAsync("chown", ["postgres", root]).ConfigureAwait(false);
        }

        await ServerProcess.RunAsync(Path.Combine(bin, "initdb"), ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"], AsUser(asRoot)).ConfigureAwait(false);

        // Enough connections for three silos under load.
        var settings = $"-c listen_addresses=127.0.0.1 -p {port} -c unix_socket_directories='' -c max_connections=300" +
            (Durable ? "" : " -c fsync=off -c synchronous_commit=off -c full_page_writes=off");
        await ServerProcess.RunAsync(Path.Combine(bin, "pg_ctl"), ["-D", data, "-l", Path.Combine(root, "server.log"), "-w", "-o", settings, "start"], AsUser(asRoot)).ConfigureAwait(false);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop(bin, data, root, asRoot);
        return $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Include Error Detail=true";
    }

    private static void Stop(string bin, string data, string root, bool asRoot)
    {
        using var stop = Process.Start(ServerProcess.Command(Path.Combine(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "stop"], AsUser(asRoot)));
        stop?.WaitForExit(10_000);
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
            // A server still shutting down may hold a file; the folder is under the temp directory anyway.
        }
    }

    private static string? AsUser(bool asRoot) => asRoot ? "postgres" : null;

    private static string? FindBinaries()
    {
        var debian = new DirectoryInfo("/usr/lib/postgresql");
        var versioned = debian.Exists
            ? debian.GetDirectories()
                .Where(d => File.Exists(Path.Combine(d.FullName, "bin", "initdb")))
                .OrderByDescending(d => int.TryParse(d.Name, out var v) ? v : 0)
                .Select(d => Path.Combine(d.FullName, "bin"))
                .FirstOrDefault()
            : null;
        return versioned ?? (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator)
            .FirstOrDefault(p => File.Exists(Path.Combine(p, "initdb")) && File.Exists(Path.Combine(p, "pg_ctl")));
    }
}
