using NotificationActors.Simulation.Experiment;
using NotificationActors.Simulation.Population;

namespace NotificationActors.Simulation.Tests.Experiment;

public sealed class ExperimentTallyTests
{
    [Fact]
    public void RegretSumsToTheSameLastDigitInAnyOrderOfAdding()
    {
        // Values whose double sum depends on the order they are added in.
        var random = new Random(5);
        var regrets = Enumerable.Range(0, 10_000).Select(_ => random.NextDouble() * Math.Pow(10, random.Next(-6, 2))).ToArray();
        var forward = regrets.Aggregate(0.0, (sum, r) => sum + r);
        var backward = regrets.Reverse().Aggregate(0.0, (sum, r) => sum + r);
        Assert.NotEqual(forward, backward);

        var sums = Enumerable.Range(0, 4).Select(order =>
        {
            var tally = new ExperimentTally(["arm"], weeks: 1);
            var shuffled = regrets.OrderBy(_ => random.Next()).ToArray();
            Parallel.ForEach(shuffled, regret => tally.AddRegret(0, Cohort.Regular, 0, regret));
            return tally.RegretSum(0);
        }).ToArray();

        Assert.All(sums, sum => Assert.Equal(sums[0], sum));
        Assert.Equal(forward, sums[0], precision: 6);
    }
}
