using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NotificationActors.Storage.Sqlite;
using NotificationActors.Silo.Hosting;
using NotificationActors.Storage.Sqlite.Hosting;
using Orleans.Storage;
using Spectre.Console;

namespace NotificationActors.Lab.Load.Storage;

/// <summary>
/// Grain writes per second through the SQLite grain storage under concurrency, with latency percentiles, against
/// raw batched inserts into the same file in the same process (run before and after, to bracket drift).
/// <c>dotnet run --project src/NotificationActors.Lab -c Release -- load storage [--writes N ...]</c>
/// </summary>
internal static class StorageLoadRun
{
    private const string StorageName = "bench";

    public static async Task RunAsync(StorageLoadSettings settings, IAnsiConsole console)
    {
        var folder = Path.Combine(Path.GetTempPath(), "na-storage-bench-" + Guid.NewGuid().ToString("N"));
        var file = Path.Combine(folder, "bench.db");
        try
        {
            using var host = await StartSiloAsync(file, settings.Durability);
            var storage = host.Services.GetRequiredKeyedService<IGrainStorage>(StorageName);
            var payloadBytes = host.Services.GetRequiredService<IGrainStorageSerializer>()
                .Serialize(new BenchState { Payload = new byte[settings.PayloadBytes] }).ToArray().Length;

            double rawBefore = 0, rawAfter = 0;
            ProviderResult provider = default;
            await console.Progress().StartAsync(async context =>
            {
                rawBefore = RawInserts(file, settings, payloadBytes, context.AddTask("raw inserts (before)", maxValue: settings.Writes));
                provider = await ProviderWritesAsync(storage, settings, context.AddTask("grain writes", maxValue: settings.Writes));
                rawAfter = RawInserts(file, settings, payloadBytes, context.AddTask("raw inserts (after)", maxValue: settings.Writes));
            });

            Report(console, settings, payloadBytes, rawBefore, rawAfter, provider);
            await host.StopAsync();
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private static async Task<IHost> StartSiloAsync(string file, SqliteDurability durability)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(silo => silo
            .UseLocalhostClustering(FreePorts.Resolve(0), FreePorts.Resolve(0))
            .AddSqliteGrainStorage(StorageName, o =>
            {
                o.DataSource = file;
                o.Durability = durability;
            }));
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    // The floor: the same number of rows of the same size, inserted in large transactions on one connection.
    private static double RawInserts(string file, StorageLoadSettings settings, int payloadBytes, ProgressTask progress)
    {
        using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
        connection.Open();
        RawSqlite.Execute(connection, settings.Durability == SqliteDurability.Full ? "PRAGMA synchronous = FULL;" : "PRAGMA synchronous = NORMAL;");
        var (insert, key) = RawSqlite.PayloadTable(connection, "raw_bench", payloadBytes);
        var stopwatch = Stopwatch.StartNew();
        using (insert)
        {
            RawSqlite.Batched(connection, insert, settings.Writes, row => key.Value = row, progress);
        }

        var perSecond = settings.Writes / stopwatch.Elapsed.TotalSeconds;
        RawSqlite.Execute(connection, "DROP TABLE raw_bench;");
        return perSecond;
    }

    // Concurrency workers, each writing its own grains in turn as activations would (one write in flight per grain).
    private static async Task<ProviderResult> ProviderWritesAsync(IGrainStorage storage, StorageLoadSettings settings, ProgressTask progress)
    {
        var grains = Enumerable.Range(0, settings.Grains)
            .Select(i => (Id: GrainId.Create("bench-member", i.ToString(System.Globalization.CultureInfo.InvariantCulture)), State: new GrainState<BenchState>(new BenchState { Payload = new byte[settings.PayloadBytes] })))
            .ToArray();
        var latencies = new long[settings.Writes];
        var issued = -1;
        var stopwatch = Stopwatch.StartNew();
        using var reporter = new Timer(_ => progress.Value = Math.Min(Volatile.Read(ref issued), settings.Writes), null, 0, 200);

        // Worker w owns grains w, w + workers, ...: a grain shared by two workers could have two writes in flight,
        // which its ETag rightly refuses.
        var workers = Math.Min(settings.Concurrency, grains.Length);
        await Task.WhenAll(Enumerable.Range(0, workers).Select(async worker =>
        {
            var owned = ((grains.Length - worker - 1) / workers) + 1;
            for (var turn = 0; ; turn++)
            {
                var write = Interlocked.Increment(ref issued);
                if (write >= settings.Writes)
                {
                    return;
                }

                var (id, state) = grains[worker + (turn % owned * workers)];
                state.State!.Counter++;
                var started = Stopwatch.GetTimestamp();
                await storage.WriteStateAsync("state", id, state);
                latencies[write] = Stopwatch.GetTimestamp() - started;
            }
        }));

        var elapsed = stopwatch.Elapsed;
        progress.Value = settings.Writes;
        Array.Sort(latencies);
        return new ProviderResult(settings.Writes / elapsed.TotalSeconds, Percentile(latencies, 0.5), Percentile(latencies, 0.9), Percentile(latencies, 0.99), Percentile(latencies, 1));
    }

    private static void Report(IAnsiConsole console, StorageLoadSettings settings, int payloadBytes, double rawBefore, double rawAfter, ProviderResult provider)
    {
        var raw = (rawBefore + rawAfter) / 2;
        var table = new Table()
            .Title($"SQLite grain storage: {settings.Writes:N0} writes over {settings.Grains:N0} grains, {settings.Concurrency} concurrent, {payloadBytes} B states, {settings.Durability} durability")
            .AddColumns("measure", "value");
        table.AddRow("raw batched inserts / s (before, after)", $"{rawBefore:N0}, {rawAfter:N0}");
        table.AddRow("grain writes / s", $"{provider.PerSecond:N0}");
        table.AddRow("ratio to raw", $"{provider.PerSecond / raw:P0}");
        table.AddRow("write latency p50 / p90 / p99 / max", $"{provider.P50.TotalMilliseconds:F2} / {provider.P90.TotalMilliseconds:F2} / {provider.P99.TotalMilliseconds:F2} / {provider.Max.TotalMilliseconds:F2} ms");
        console.Write(table);
        var met = provider.PerSecond >= 20_000 && provider.PerSecond >= raw / 2;
        console.MarkupLine(met
            ? "[green]target met[/]: at least 20,000 writes/s and at least half the raw rate"
            : "[red]TARGET MISSED[/]: the target is at least 20,000 writes/s and at least half the raw rate");
    }

    private static TimeSpan Percentile(long[] sortedTicks, double quantile) =>
        Stopwatch.GetElapsedTime(0, sortedTicks[Math.Min(sortedTicks.Length - 1, (int)(quantile * sortedTicks.Length))]);

    private readonly record struct ProviderResult(double PerSecond, TimeSpan P50, TimeSpan P90, TimeSpan P99, TimeSpan Max);
}
