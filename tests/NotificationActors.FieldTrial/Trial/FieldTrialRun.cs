using System.Diagnostics;
using NotificationActors.FieldTrial.Report;
using NotificationActors.FieldTrial.Silo;

namespace NotificationActors.FieldTrial.Trial;

/// <summary>A whole field trial: a silo (started in this process, or the one at <see cref="TrialOptions.SiloUrl"/>), then each seed in turn.</summary>
internal static class FieldTrialRun
{
    public static async Task<TrialSummary> RunAsync(TrialOptions options, Action<TrialProgress>? progress, CancellationToken cancellationToken)
    {
        var elapsed = Stopwatch.StartNew();
        progress?.Invoke(new TrialProgress(options.SiloUrl is null ? "starting the silo" : "checking the silo", 0, 1));
        await using var inProcess = options.SiloUrl is null ? await InProcessSilo.StartAsync(options.LearningLoop, cancellationToken) : null;
        using var api = new SiloApi(options.SiloUrl ?? inProcess!.Address, options.Concurrency);
        await api.CheckHealthAsync(cancellationToken);

        var runs = new List<SeedResult>();
        for (var s = 0; s < options.Seeds; s++)
        {
            // A silo the trial did not start may remember members of an earlier trial with the same ids.
            runs.Add(await SeedTrial.RunAsync(options, s, api, forgetFirst: inProcess is null, progress, cancellationToken));
        }

        var silo = inProcess is null
            ? $"{options.SiloUrl}"
            : $"in process (SQLite store, simulated clock from 2030-01-07, learning loop {(options.LearningLoop ? "on" : "off")})";
        return TrialSummary.Of(options, runs, silo, elapsed.Elapsed);
    }
}
