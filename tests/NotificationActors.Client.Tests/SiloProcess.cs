using System.Diagnostics;
using System.Text;

namespace NotificationActors.Client.Tests;

/// <summary>
/// A silo as operators run it: <c>dotnet NotificationActors.Silo.dll run ...</c> in a process of its own, ready once
/// <c>GET /healthz</c> answers 200, killed on dispose. What it printed is kept for a failure's message.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private SiloProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    /// <summary>The silo's HTTP address, ending in '/'.</summary>
    public Uri Address { get; }

    /// <summary>Starts a silo listening on <paramref name="httpPort"/> with the other <c>run</c> options given, and waits until it is active.</summary>
    public static async Task<SiloProcess> StartAsync(int httpPort, params string[] options)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "NotificationActors.Silo.dll"), "run", "--urls", $"http://127.0.0.1:{httpPort}" }.Concat(options))
        {
            start.ArgumentList.Add(argument);
        }

        var silo = new SiloProcess(Process.Start(start) ?? throw new InvalidOperationException("Could not start dotnet."), new Uri($"http://127.0.0.1:{httpPort}/"));
        silo._process.OutputDataReceived += (_, e) => silo.Record(e.Data);
        silo._process.ErrorDataReceived += (_, e) => silo.Record(e.Data);
        silo._process.BeginOutputReadLine();
        silo._process.BeginErrorReadLine();
        await silo.WaitUntilActiveAsync();
        return silo;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Record(string? line)
    {
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private async Task WaitUntilActiveAsync()
    {
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline && !_process.HasExited)
        {
            try
            {
                using var health = await http.GetAsync(new Uri("healthz", UriKind.Relative));
                if (health.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException e) when (e.InnerException is TimeoutException)
            {
                // Listening but not answering yet: a starting silo on a busy machine can take longer than one request's timeout.
            }

            await Task.Delay(Poll);
        }

        string output;
        lock (_output)
        {
            output = _output.ToString();
        }

        await DisposeAsync();
        throw new InvalidOperationException($"The silo at {Address} did not become active within {StartTimeout.TotalSeconds} s. It printed:\n{output}");
    }
}
