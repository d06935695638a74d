using NotificationActors.Silo.Dashboard;

namespace NotificationActors.Silo.Tests.Dashboard;

public sealed class ClusterNotificationsTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 30, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void CombineSumsEverySilosCountsAndLinesTheirSeriesUpByTime()
    {
        // The second silo read its counts one bucket later, so its series starts a bucket later.
        var first = Silo("a", Start, push: 3, series: [1, 2, 3]);
        var second = Silo("b", Start.AddSeconds(5), push: 4, series: [10, 20, 30]);

        var cluster = ClusterNotifications.Combine(Start.AddSeconds(20), [first, second]);

        Assert.Equal(["a", "b"], cluster.Silos.Select(s => s.Silo));
        Assert.Equal(7, cluster.Total.SendsByChannel["push"]);
        Assert.Equal(7, cluster.Total.Arms["hierarchical"]["sends"]);
        Assert.Equal(Start.AddSeconds(5), cluster.Total.SeriesStart);
        Assert.Equal([12, 23, 30], cluster.Total.SendsOverTime["push"]);
    }

    private static SiloNotifications Silo(string name, DateTimeOffset seriesStart, long push, long[] series) => new(name, name, new NotificationSnapshot(
        seriesStart.AddMinutes(10),
        seriesStart,
        new Dictionary<string, long>(),
        new Dictionary<string, long> { ["push"] = push },
        new Dictionary<string, long>(),
        new Dictionary<string, long>(),
        new Dictionary<string, Dictionary<string, long>> { ["hierarchical"] = new() { ["sends"] = push } },
        new Dictionary<string, Dictionary<string, long>>(),
        new Dictionary<string, long[]> { ["push"] = series },
        5));
}
