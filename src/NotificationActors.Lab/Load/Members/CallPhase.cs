using System.Diagnostics;
using System.Net;
using Spectre.Console;

namespace NotificationActors.Lab.Load.Members;

/// <summary>A timed phase of calls of one kind: how many, how long, their latencies, and how many got another status than expected.</summary>
internal sealed record CallPhase(int Calls, TimeSpan Elapsed, Latencies Latencies, int Unexpected)
{
    public double PerSecond => Calls / Elapsed.TotalSeconds;

    /// <summary>Makes call 0 to <paramref name="calls"/> - 1, <paramref name="concurrency"/> in flight, each expected to answer <paramref name="expected"/>.</summary>
    public static async Task<CallPhase> RunAsync(int calls, int concurrency, HttpStatusCode expected, ProgressTask progress, Func<int, Task<MemberApi.Call>> call)
    {
        var latencies = new double[calls];
        var unexpected = 0;
        var started = Stopwatch.GetTimestamp();
        await Parallel.ForEachAsync(Enumerable.Range(0, calls), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, _) =>
        {
            var answer = await call(i);
            latencies[i] = answer.Milliseconds;
            if (answer.Status != expected) Interlocked.Increment(ref unexpected);
            progress.Increment(1);
        });

        return new CallPhase(calls, Stopwatch.GetElapsedTime(started), Latencies.Of(latencies), unexpected);
    }
}
