using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NotificationActors.Grains.Members;
using NotificationActors.Grains.Policies;
using NotificationActors.Grains.Telemetry;
using NotificationActors.Policy.Slow;
using NotificationActors.Silo.Dashboard;

namespace NotificationActors.Silo.Tests.Dashboard;

public sealed class NotificationStatsTests
{
    [Fact]
    public void TheSendSeriesStaysBoundedOnASiloNobodyWatches()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 10, 0, 0, TimeSpan.Zero));
        using var meters = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var telemetry = new MemberTelemetry(meters.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), new PolicyEngine(new MemberGrainOptions(), new ParametricRewardModel()));
        using var stats = new NotificationStats(telemetry, time);

        // A day of sends on every channel, a point every bucket, and no snapshot taken.
        for (var i = 0; i < 24 * 3600 / (int)NotificationStats.Bucket.TotalSeconds; i++)
        {
            telemetry.Sent("push", transactional: false);
            telemetry.Sent("email", transactional: false);
            telemetry.Sent("inapp", transactional: false);
            time.Advance(NotificationStats.Bucket);
        }

        var held = stats.SeriesPoints;
        var snapshot = stats.Snapshot();

        Assert.InRange(held, 3, 3 * 120);
        Assert.Equal(120, snapshot.SendsOverTime["push"].Length);
        Assert.Equal(held, stats.SeriesPoints);
    }
}
