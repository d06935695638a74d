using NotificationActors.Learning.Evaluation;

namespace NotificationActors.Learning.Tests.Evaluation;

/// <summary>How replicates become an interval and a standard error.</summary>
public sealed class PercentileBootstrapTests
{
    [Fact]
    public void TheIntervalIsReadOffThePercentilesOfTheFiniteReplicates()
    {
        // 0..100 shuffled, with NaNs from resamples that had no estimate.
        double[] replicates = [.. Enumerable.Range(0, 101).Select(i => (double)((i * 37) % 101)), double.NaN, double.NaN];

        var estimate = PercentileBootstrap.Summarise(50, replicates, confidence: 0.9);

        Assert.Equal(50, estimate.Value);
        Assert.Equal(5, estimate.Lower, 12);
        Assert.Equal(95, estimate.Upper, 12);
        Assert.Equal(Math.Sqrt(101 * 102 / 12.0), estimate.StandardError, 9);
    }

    [Fact]
    public void ReplicatesWithoutAnyEstimateGiveNoInterval()
    {
        var estimate = PercentileBootstrap.Summarise(double.NaN, [double.NaN, double.NaN], confidence: 0.95);

        Assert.True(double.IsNaN(estimate.Lower) && double.IsNaN(estimate.Upper) && double.IsNaN(estimate.StandardError));
    }
}
