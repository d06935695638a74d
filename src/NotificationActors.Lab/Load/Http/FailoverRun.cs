using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NotificationActors.Silo.Hosting;
using Spectre.Console;

namespace NotificationActors.Lab.Load.Http;

/// <summary>
/// How long a killed silo's members go unserved: three <c>run</c> processes of the silo executable beside this one,
/// on one PostgreSQL database (or, with <c>--storage azure</c>, one Azure Storage account) with Orleans' default
/// membership options, members created through every silo's API, then one process killed
/// (SIGKILL, no goodbye) and every member asked for its plan until each has answered again. Reports when the
/// survivors declared the silo dead and the time from the kill to each member's first answer.
/// <c>dotnet run --project src/NotificationActors.Lab -c Release -- load failover [--members N] [--concurrency C] [--storage postgres|azure] --postgres|--azure "&lt;connection string&gt;"</c>
/// </summary>
internal static class FailoverRun
{
    private const int Silos = 3;
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(2);

    public static async Task RunAsync(FailoverSettings settings, IAnsiConsole console)
    {
        var (members, concurrency) = (settings.Members, settings.Concurrency);
        var azure = settings.Storage == StorageDeployments.Azure;
        string[] store =
        [
            "--storage", settings.Storage.Name, settings.Storage.Connection!.Option, settings.ConnectionString,
            "--cluster-id", azure ? $"failover-{Guid.NewGuid():N}" : "failover-bench",
        ];

        var logs = Path.Combine(Path.GetTempPath(), "na-failover-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(logs);
        var silos = new List<(Process Process, HttpClient Api)>();
        try
        {
            for (var i = 0; i < Silos; i++)
            {
                silos.Add(StartSilo(store, i, logs));
            }

            var survivors = silos.Skip(1).Select(s => s.Api).ToArray();
            var victim = silos[0];
            var touch = TimeSpan.Zero;
            var outcome = default(Outcome);
            await console.Progress().StartAsync(async context =>
            {
                var ready = context.AddTask("silos active", maxValue: Silos);
                await Task.WhenAll(silos.Select(async s => { await WaitActiveAsync(s.Api); ready.Increment(1); }));
                await WaitForClusterAsync(survivors[0], active: Silos);

                var priming = context.AddTask("members activated", maxValue: members);
                var started = Stopwatch.GetTimestamp();
                // Every silo, the victim too, creates a third of the members.
                await ForEachAsync(Enumerable.Range(0, members), concurrency, async (m, _) =>
                {
                    await JoinAsync(silos[m % silos.Count].Api, m);
                    priming.Increment(1);
                });
                touch = Stopwatch.GetElapsedTime(started);

                var served = context.AddTask("members served after the kill", maxValue: members);
                outcome = await KillAndTimeAsync(victim.Process, survivors, members, concurrency, served);
            });

            var recovered = Enumerable.Range(0, members).Where(m => outcome.Waited[m]).Select(m => outcome.FirstAnswer[m]).Order().ToArray();
            var table = new Table()
                .Title($"Failover: {Silos} silos on {(azure ? "Azure Storage" : "PostgreSQL")}, default membership options, {members:N0} members, one silo SIGKILLed")
                .AddColumns("measure", "seconds");
            table.AddRow("members activated before the kill", $"{members:N0} in {touch.TotalSeconds:F1}");
            table.AddRow("survivors declare the silo dead", $"{outcome.DeclaredDead.TotalSeconds:F1}");
            table.AddRow("members served on the first try", $"{members - recovered.Length:N0} members");
            table.AddRow("members that waited (the killed silo's)", $"{recovered.Length:N0} members");
            if (recovered.Length > 0)
            {
                table.AddRow("  first of them served again", $"{recovered[0].TotalSeconds:F1}");
                table.AddRow("  median served again", $"{recovered[recovered.Length / 2].TotalSeconds:F1}");
                table.AddRow("  all served again", $"{recovered[^1].TotalSeconds:F1}");
            }

            table.AddRow("failed or timed-out requests while waiting", $"{outcome.FailedRequests:N0}");
            console.Write(table);
        }
        finally
        {
            foreach (var (process, api) in silos)
            {
                if (!process.HasExited) process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
                api.Dispose();
            }

            console.MarkupLine($"[grey]silo logs: {logs.EscapeMarkup()}[/]");
        }
    }

    private static async Task<Outcome> KillAndTimeAsync(Process victim, HttpClient[] survivors, int members, int concurrency, ProgressTask served)
    {
        var firstAnswer = new TimeSpan[members];
        var waited = new bool[members];
        var failed = 0;
        var clock = Stopwatch.StartNew();
        victim.Kill();
        var declaredDead = WaitForClusterAsync(survivors[0], active: Silos - 1).ContinueWith(_ => clock.Elapsed, TaskScheduler.Default);

        // Each pass asks every member not yet served; a member served once is done.
        var pending = Enumerable.Range(0, members).ToList();
        while (pending.Count > 0)
        {
            var stillPending = new System.Collections.Concurrent.ConcurrentBag<int>();
            await ForEachAsync(pending, concurrency, async (m, worker) =>
            {
                if (await PlanAsync(survivors[worker % survivors.Length], m))
                {
                    firstAnswer[m] = clock.Elapsed;
                    served.Increment(1);
                }
                else
                {
                    Interlocked.Increment(ref failed);
                    waited[m] = true;
                    stillPending.Add(m);
                }
            });
            pending = [.. stillPending];
            if (pending.Count > 0)
            {
                // Callers back off between retries rather than spin on members that cannot be served yet.
                await Task.Delay(100);
            }
        }

        return new Outcome(await declaredDead, firstAnswer, waited, failed);
    }

    private static (Process, HttpClient) StartSilo(string[] store, int index, string logs)
    {
        var port = FreePorts.Resolve(0);
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "NotificationActors.Silo.exe" : "NotificationActors.Silo"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in (string[])
        [
            "run", .. store, "--advertise", "127.0.0.1",
            "--urls", $"http://127.0.0.1:{port}", "--silo-port", $"{FreePorts.Resolve(0)}", "--gateway-port", $"{FreePorts.Resolve(0)}",
        ])
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(start) ?? throw new InvalidOperationException("The silo process did not start.");
        var log = new StreamWriter(Path.Combine(logs, $"silo-{index}.log")) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return (process, new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = RequestTimeout });
    }

    // A member is created by its first write (a read never creates one): default preferences.
    private static async Task JoinAsync(HttpClient api, int member)
    {
        using var response = await api.PutAsJsonAsync(new Uri($"/v1/members/failover-{member}/preferences", UriKind.Relative), new { timeZone = "UTC" });
        response.EnsureSuccessStatusCode();
    }

    private static async Task<bool> PlanAsync(HttpClient api, int member)
    {
        try
        {
            using var response = await api.GetAsync(new Uri($"/v1/members/failover-{member}/plan", UriKind.Relative));
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    private static async Task WaitActiveAsync(HttpClient api)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (true)
        {
            try
            {
                using var response = await api.GetAsync(new Uri("/healthz", UriKind.Relative), deadline.Token);
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200, deadline.Token);
        }
    }

    private static async Task WaitForClusterAsync(HttpClient api, int active)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        while (true)
        {
            try
            {
                var view = await api.GetFromJsonAsync<JsonElement>(new Uri("/v1/cluster", UriKind.Relative), deadline.Token);
                if (view.GetProperty("silos").EnumerateArray().Count(s => s.GetProperty("status").GetString() == "active") == active) return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !deadline.IsCancellationRequested)
            {
                // A survivor may itself be waiting on the dead silo for a moment.
            }

            await Task.Delay(100, deadline.Token);
        }
    }

    private static async Task ForEachAsync(IEnumerable<int> items, int concurrency, Func<int, int, Task> body)
    {
        var queue = new System.Collections.Concurrent.ConcurrentQueue<int>(items);
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async worker =>
        {
            while (queue.TryDequeue(out var item))
            {
                await body(item, worker);
            }
        }));
    }

    private readonly record struct Outcome(TimeSpan DeclaredDead, TimeSpan[] FirstAnswer, bool[] Waited, int FailedRequests);
}
