using NotificationActors.Storage.TestSuites;

namespace NotificationActors.Client.Tests;

/// <summary>
/// Three silo processes started with <c>run --storage postgres</c> on a fresh database of the throwaway PostgreSQL
/// server (<see cref="PostgresServer"/>), a cluster id of their own, free ports and the loopback address advertised.
/// </summary>
public sealed class PostgresClusterFixture : IAsyncLifetime
{
    public const int Silos = 3;

    public string ClusterId { get; } = $"client-{Guid.NewGuid():N}"[..20];

    public string ConnectionString { get; private set; } = "";

    public IReadOnlyList<SiloProcess> Processes { get; private set; } = [];

    public async Task InitializeAsync()
    {
        ConnectionString = await PostgresServer.CreateDatabaseAsync("client");
        var starting = Enumerable.Range(0, Silos).Select(_ => SiloProcess.StartAsync(
            FreeTcpPort.Next(),
            "--storage", "postgres", "--postgres", ConnectionString, "--cluster-id", ClusterId,
            "--advertise", "127.0.0.1", "--silo-port", "0", "--gateway-port", "0")).ToArray();
        try
        {
            Processes = await Task.WhenAll(starting);
        }
        catch
        {
            // One silo failed to start: the others are stopped too, not left running.
            foreach (var started in starting.Where(s => s.IsCompletedSuccessfully))
            {
                await started.Result.DisposeAsync();
            }

            throw;
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var silo in Processes)
        {
            await silo.DisposeAsync();
        }
    }
}
