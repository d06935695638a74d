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
            Parallel.ForEach(shuffled, regret => tally.AddRegret(0, Cohort.Regular, 0, regret, regret));
            return tally.RegretSum(0);
        }).ToArray();

        Assert.All(sums, sum => Assert.Equal(sums[0], sum));
        Assert.Equal(forward, sums[0], precision: 6);
    }

    [Fact]
    public void SendsAndOptOutsAreReportedPerChannel()
    {
        var tally = new ExperimentTally(["arm"], weeks: 2);
        for (var i = 0; i < 4; i++) tally.AddMember(0, Cohort.Casual);
        tally.Add(0, Cohort.Casual, 0, ExperimentTally.Count.MemberWeeks, 4);
        tally.Add(0, Cohort.Casual, 1, ExperimentTally.Count.MemberWeeks, 4);
        tally.Add(0, Cohort.Casual, 0, ExperimentTally.Count.PushSends, 12);
        tally.Add(0, Cohort.Casual, 1, ExperimentTally.Count.EmailSends, 4);
        tally.Add(0, Cohort.Casual, 1, ExperimentTally.Count.InAppSends, 8);
        tally.Add(0, Cohort.Casual, 1, ExperimentTally.Count.Clicks, 6);
        tally.Add(0, Cohort.Casual, 0, ExperimentTally.Count.PushOptOuts);
        tally.Add(0, Cohort.Casual, 0, ExperimentTally.Count.OptOutMembers);

        var all = ArmMetrics.From(tally, 0);
        var secondWeek = ArmMetrics.From(tally, 0, week: 1);

        Assert.Equal((1.5, 0.5, 1.0, 3.0), (all.PushPerMemberWeek, all.EmailPerMemberWeek, all.InAppPerMemberWeek, all.SendsPerMemberWeek));
        Assert.Equal(0.25, all.Ctr);
        Assert.Equal((0.25, 0.25, 0.0), (all.OptOutRate, all.PushOptOutRate, all.EmailOptOutRate));
        Assert.Equal((0.0, 1.0, 2.0, 3.0), (secondWeek.PushPerMemberWeek, secondWeek.EmailPerMemberWeek, secondWeek.InAppPerMemberWeek, secondWeek.SendsPerMemberWeek));
    }
}
