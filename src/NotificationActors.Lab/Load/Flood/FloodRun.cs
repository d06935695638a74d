using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NotificationActors.Silo.Hosting;
using Spectre.Console;

namespace NotificationActors.Lab.Load.Flood;

/// <summary>
/// A connection flood on loopback: a silo with an API key, then <c>--connections</c> TCP connections that present no
/// key and stay idle (half send nothing, half an unfinished request line), held for <c>--seconds</c> while
/// <c>GET /healthz</c> is probed on a new connection every 100 ms. Reports the probes' latency percentiles before and
/// during the flood, and how many of the idle connections the silo's timeouts closed, and when.
/// <c>dotnet run --project src/NotificationActors.Lab -c Release -- load flood [--connections N] [--seconds S]</c>
/// </summary>
internal static class FloodRun
{
    private const int ConnectConcurrency = 64;
    private static readonly TimeSpan ProbeInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Baseline = TimeSpan.FromSeconds(2);

    // A health check answering later than this counts as down for a load balancer.
    private static readonly TimeSpan Answered = TimeSpan.FromSeconds(1);

    // An unfinished request line: the silo waits for the rest under its request-headers timeout, not its keep-alive one.
    private static readonly byte[] PartialRequestLine = "GET /healthz HT"u8.ToArray();
    private static readonly byte[] TimeoutStatusLine = "HTTP/1.1 408"u8.ToArray();

    public static async Task RunAsync(FloodSettings settings, IAnsiConsole console)
    {
        var data = Path.Combine(Path.GetTempPath(), "na-flood-" + Guid.NewGuid().ToString("N"));
        var siloSettings = new SiloSettings("http://127.0.0.1:0", StorageDeployments.Memory, 0, 0, data) { ApiKeys = [Guid.NewGuid().ToString("N")] };
        var app = SiloHost.Build(siloSettings, ["--Logging:LogLevel:Default=Warning"]);
        var held = Array.Empty<Held>();
        using var stopWatching = new CancellationTokenSource();
        try
        {
            await app.StartAsync();
            var address = new Uri(app.Urls.Single());
            var limits = app.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.Limits;
            using var probe = new HttpClient { BaseAddress = address, Timeout = ProbeTimeout };

            Probes before = default, connecting = default, holding = default;
            await console.Progress().StartAsync(async context =>
            {
                var baseline = context.AddTask("probing /healthz before the flood", maxValue: Baseline.TotalSeconds);
                // The first request warms the endpoint up, so the baseline measures a running silo.
                (await probe.GetAsync(new Uri("/healthz", UriKind.Relative))).Dispose();
                using (var until = new CancellationTokenSource(Baseline))
                {
                    before = Probes.Of(await ProbeAsync(probe, baseline, until.Token));
                }

                var opening = context.AddTask($"opening {settings.Connections:N0} idle connections", maxValue: settings.Connections);
                var hold = context.AddTask($"holding them {settings.Seconds} s, probing /healthz", maxValue: settings.Seconds);
                using var stopProbing = new CancellationTokenSource();
                var probing = ProbeAsync(probe, hold, stopProbing.Token);
                held = await OpenAsync(new IPEndPoint(IPAddress.Loopback, address.Port), settings.Connections, opening, stopWatching.Token);
                var opened = Stopwatch.GetTimestamp();

                // The hold is the measurement: the connections sit idle this long while the probes run.
                await Task.Delay(TimeSpan.FromSeconds(settings.Seconds));
                await stopProbing.CancelAsync();
                var probes = await probing;
                connecting = Probes.Of(probes.Where(p => p.At < opened));
                holding = Probes.Of(probes.Where(p => p.At >= opened));
            });

            Report(console, settings, limits, before, connecting, holding, held);
        }
        finally
        {
            await stopWatching.CancelAsync();
            foreach (var connection in held) connection.Socket?.Dispose();
            await app.StopAsync();
            await app.DisposeAsync();
            if (Directory.Exists(data)) Directory.Delete(data, recursive: true);
        }
    }

    private static async Task<Held[]> OpenAsync(IPEndPoint endpoint, int connections, ProgressTask progress, CancellationToken stopWatching)
    {
        var held = new Held[connections];
        await Parallel.ForEachAsync(Enumerable.Range(0, connections), new ParallelOptions { MaxDegreeOfParallelism = ConnectConcurrency }, async (i, _) =>
        {
            var partial = i % 2 == 1;
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(endpoint);
                if (partial) await socket.SendAsync(PartialRequestLine);
                held[i] = new Held(socket, partial, WatchAsync(socket, Stopwatch.GetTimestamp(), stopWatching));
            }
            catch (SocketException)
            {
                socket.Dispose();
                held[i] = new Held(null, partial, Task.FromResult<Closure?>(null));
            }

            progress.Increment(1);
        });
        return held;
    }

    // Completes when the silo closes the connection (reporting when, and whether it answered 408 first), or with null
    // when the run stops watching.
    private static async Task<Closure?> WatchAsync(Socket socket, long opened, CancellationToken stop)
    {
        var buffer = new byte[TimeoutStatusLine.Length];
        var timedOut = false;
        try
        {
            for (var first = true; await socket.ReceiveAsync(buffer, SocketFlags.None, stop) is var read and > 0; first = false)
            {
                timedOut |= first && buffer.AsSpan(0, read).SequenceEqual(TimeoutStatusLine.AsSpan(0, read));
            }
        }
        catch (SocketException)
        {
            // A reset is a close too.
        }
        catch (OperationCanceledException)
        {
            return null;
        }

        return new Closure(Stopwatch.GetElapsedTime(opened), timedOut);
    }

    private static async Task<List<Probe>> ProbeAsync(HttpClient client, ProgressTask progress, CancellationToken until)
    {
        var probes = new List<Probe>();
        var clock = Stopwatch.StartNew();
        while (!until.IsCancellationRequested)
        {
            // A new connection each time, as a load balancer's health check makes, so it waits behind the flood's accepts.
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/healthz", UriKind.Relative)) { Headers = { ConnectionClose = true } };
            var started = Stopwatch.GetTimestamp();
            bool ok;
            try
            {
                using var response = await client.SendAsync(request, CancellationToken.None);
                ok = response.StatusCode == HttpStatusCode.OK;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                ok = false;
            }

            probes.Add(new Probe(started, Stopwatch.GetElapsedTime(started).TotalMilliseconds, ok));
            progress.Value = Math.Min(progress.MaxValue, clock.Elapsed.TotalSeconds);
            await Task.Delay(ProbeInterval, CancellationToken.None);
        }

        progress.Value = progress.MaxValue;
        return probes;
    }

    private static void Report(IAnsiConsole console, FloodSettings settings, KestrelServerLimits limits, Probes before, Probes connecting, Probes holding, Held[] held)
    {
        var probes = new Table()
            .Title($"GET /healthz on a new connection every {ProbeInterval.TotalMilliseconds:F0} ms, before and while {settings.Connections:N0} idle connections are opened and held for {settings.Seconds} s")
            .AddColumns("phase", "probes", "failed", "p50 ms", "p95 ms", "p99 ms", "max ms");
        foreach (var (name, phase) in new[] { ("before the flood", before), ("while connecting", connecting), ("while held", holding) })
        {
            probes.AddRow(name, $"{phase.Latencies.Length:N0}", $"{phase.Failed:N0}", Ms(phase, 0.5), Ms(phase, 0.95), Ms(phase, 0.99), Ms(phase, 1));
        }

        console.Write(probes);

        var maxConnections = limits.MaxConcurrentConnections is { } cap ? cap.ToString("N0", CultureInfo.InvariantCulture) : "unlimited";
        var connections = new Table()
            .Title($"Idle connections: the silo's keep-alive timeout {limits.KeepAliveTimeout.TotalSeconds:F0} s, request-headers timeout {limits.RequestHeadersTimeout.TotalSeconds:F0} s, connection cap {maxConnections}")
            .AddColumns("sent", "opened", "refused", "closed by silo", "with 408", "closed at s (min/med/max)", "open at end");
        foreach (var (name, partial) in new[] { ("nothing", false), ("partial line", true) })
        {
            var mine = held.Where(h => h.Partial == partial).ToArray();
            var closures = mine.Where(h => h.Watch.IsCompletedSuccessfully && h.Watch.Result is not null).Select(h => h.Watch.Result!.Value).ToArray();
            var after = closures.Select(c => c.After.TotalSeconds).Order().ToArray();
            var opened = mine.Count(h => h.Socket is not null);
            connections.AddRow(
                name,
                $"{opened:N0}",
                $"{mine.Length - opened:N0}",
                $"{closures.Length:N0}",
                $"{closures.Count(c => c.TimedOut):N0}",
                after.Length == 0 ? "-" : $"{after[0]:F1}/{after[after.Length / 2]:F1}/{after[^1]:F1}",
                $"{opened - closures.Length:N0}");
        }

        console.Write(connections);
        var failed = connecting.Failed + holding.Failed;
        var slow = connecting.Latencies.Concat(holding.Latencies).Count(l => l >= Answered.TotalMilliseconds);
        console.MarkupLine(failed == 0 && slow == 0
            ? $"[green]healthy[/]: /healthz answered every probe during the flood within {Answered.TotalSeconds:F0} s"
            : $"[red]UNHEALTHY[/]: during the flood {failed} probe(s) failed and {slow} took {Answered.TotalSeconds:F0} s or more");
    }

    private static string Ms(Probes phase, double quantile) =>
        phase.Latencies.Length == 0 ? "-" : $"{phase.Latencies[Math.Min(phase.Latencies.Length - 1, (int)(quantile * phase.Latencies.Length))]:F1}";

    private readonly record struct Probe(long At, double Milliseconds, bool Ok);

    private readonly record struct Probes(double[] Latencies, int Failed)
    {
        public static Probes Of(IEnumerable<Probe> probes) =>
            new([.. probes.Select(p => p.Milliseconds).Order()], probes.Count(p => !p.Ok));
    }

    private readonly record struct Closure(TimeSpan After, bool TimedOut);

    private sealed record Held(Socket? Socket, bool Partial, Task<Closure?> Watch);
}
