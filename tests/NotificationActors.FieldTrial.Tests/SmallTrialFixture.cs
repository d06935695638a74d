using System.Diagnostics;
using NotificationActors.FieldTrial.Report;
using NotificationActors.FieldTrial.Trial;

namespace NotificationActors.FieldTrial.Tests;

/// <summary>One small field trial (120 members, 8 weeks, seed 1) against a silo started in the process, shared by the end-to-end tests.</summary>
public sealed class SmallTrialFixture : IAsyncLifetime
{
    internal TrialSummary Summary { get; private set; } = null!;

    public TimeSpan Elapsed { get; private set; }

    public async Task InitializeAsync()
    {
        var elapsed = Stopwatch.StartNew();
        Summary = await FieldTrialRun.RunAsync(new TrialOptions { Members = 120, Weeks = 8, Seed = 1, Seeds = 1 }, progress: null, CancellationToken.None);
        Elapsed = elapsed.Elapsed;
    }

    public Task DisposeAsync() => Task.CompletedTask;
}
