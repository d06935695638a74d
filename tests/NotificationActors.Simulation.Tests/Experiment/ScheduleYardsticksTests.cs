using NotificationActors.Simulation.Experiment;
using NotificationActors.Simulation.Population;

namespace NotificationActors.Simulation.Tests.Experiment;

public sealed class ScheduleYardsticksTests
{
    private static readonly FixedSchedule Light = new(1, 0, 2);
    private static readonly FixedSchedule Heavy = new(4, 2, 2);
    private static readonly FixedSchedule Middle = new(2, 1, 2);

    private static readonly ExperimentOptions Options = new() { Schedules = [Light, Heavy, Middle] };

    // Ten members a cohort in each arm over two weeks, each cohort's engaged days a member-week as given per arm, in
    // the order of ArmsRun (the four arms, then the schedules); week 2 adds `lateGain` to the hierarchical arm.
    private static ExperimentRun Run(int seed, Dictionary<Cohort, double[]> engagement, double lateGain = 0)
    {
        var tally = new ExperimentTally(Options.ArmsRun, weeks: 2);
        for (var arm = 0; arm < Options.ArmsRun.Count; arm++)
        {
            foreach (var (cohort, perArm) in engagement)
            {
                for (var m = 0; m < 10; m++) tally.AddMember(arm, cohort);
                for (var week = 0; week < 2; week++)
                {
                    tally.Add(arm, cohort, week, ExperimentTally.Count.MemberWeeks, 10);
                    var gain = arm == 2 && week == 1 ? lateGain : 0;
                    tally.Add(arm, cohort, week, ExperimentTally.Count.EngagedDays, (long)Math.Round(10 * (perArm[arm] + gain)));
                }
            }

            tally.Add(arm, Cohort.Casual, 0, ExperimentTally.Count.OptOutMembers, arm);
        }

        return new ExperimentRun(seed, tally, new ExperimentTimings(), 0.5, [], new GridReferences());
    }

    // Arms: fixed, baseline, hierarchical, oracle, then the light, heavy and middle schedules.
    private static Dictionary<Cohort, double[]> Engagement(double hierarchicalShift = 0) => new()
    {
        [Cohort.Casual] = [1.5, 1.4, 1.9 + hierarchicalShift, 2.2, 1.3, 1.8, 1.6],
        [Cohort.Regular] = [3.5, 3.4, 3.8 + hierarchicalShift, 4.0, 3.6, 3.2, 3.7],
        [Cohort.Heavy] = [5.5, 5.4, 5.8 + hierarchicalShift, 6.0, 5.9, 5.0, 5.6],
    };

    [Fact]
    public void TheBestScheduleForEveryoneAndForEachCohortAreTheirsAndTheArmIsMeasuredAgainstBoth()
    {
        var runs = new[] { Run(1, Engagement(+0.1)), Run(2, Engagement(-0.1)) };

        var yardsticks = ScheduleYardsticks.Of(runs, Options)!;

        // Over everyone the middle schedule wins (3.633 a member-week against 3.600 and 3.333); per cohort the heavy
        // schedule suits casual viewers, the middle one regular viewers and the light one heavy viewers.
        Assert.Equal(Middle, yardsticks.BestForEveryone.Schedule);
        Assert.Equal((1.6 + 3.7 + 5.6) / 3, yardsticks.BestForEveryone.Engagement, 9);
        Assert.Equal(Heavy, yardsticks.BestByCohort["casual"].Schedule);
        Assert.Equal(Middle, yardsticks.BestByCohort["regular"].Schedule);
        Assert.Equal(Light, yardsticks.BestByCohort["heavy"].Schedule);
        Assert.Equal((1.8 + 3.7 + 5.9) / 3, yardsticks.PerCohortEngagement, 9);

        // The arm's shift cancels over the seeds; the interval is the seeds' spread.
        var hierarchical = (1.9 + 3.8 + 5.8) / 3;
        Assert.Equal(hierarchical - yardsticks.BestForEveryone.Engagement, yardsticks.AgainstBest.Overall.Mean, 9);
        Assert.Equal(hierarchical - yardsticks.PerCohortEngagement, yardsticks.AgainstPerCohort.Overall.Mean, 9);
        Assert.True(yardsticks.AgainstBest.Overall.Ci is [var low, var high] && low < yardsticks.AgainstBest.Overall.Mean && high > yardsticks.AgainstBest.Overall.Mean);
        Assert.Equal(1.9 - 1.8, yardsticks.AgainstPerCohort.Cohorts["casual"].Mean, 9);
        Assert.Equal(5.8 - 5.9, yardsticks.AgainstPerCohort.Cohorts["heavy"].Mean, 9);

        // Opt-outs with each cohort on its own schedule: the casual schedule's arm (the heavy one, arm 5) lost 5 casual
        // members of the 30 members counted.
        Assert.Equal(5 / 30.0, yardsticks.PerCohortOptOutRate, 9);
    }

    [Fact]
    public void TheArmIsAheadFromTheFirstWeekAfterWhichItStaysAhead()
    {
        // Short of the per-cohort yardstick in week 1 (by 0.067 a member-week), ahead in week 2 (by 0.233); ahead of the
        // best single schedule in both.
        var runs = new[] { Run(1, Engagement(-0.1), lateGain: 0.3) };

        var yardsticks = ScheduleYardsticks.Of(runs, Options)!;

        Assert.True(yardsticks.AgainstPerCohort.Weeks[0].Mean < 0);
        Assert.True(yardsticks.AgainstPerCohort.Weeks[1].Mean > 0);
        Assert.Equal(2, yardsticks.AgainstPerCohort.AheadFromWeek);
        Assert.Equal(1, yardsticks.AgainstBest.AheadFromWeek);
        Assert.Null(yardsticks.AgainstBest.Overall.Ci);
        Assert.Null(ScheduleYardsticks.Of(runs, new ExperimentOptions()));
    }

    [Theory]
    [InlineData("5x3", 24)]
    [InlineData("0x0", 1)]
    [InlineData("2x1x3", 24)]
    public void AGridSpecRunsEveryScheduleOfItsRanges(string spec, int count)
    {
        var schedules = FixedSchedule.Grid(spec, inApp: 2);

        Assert.Equal(count, schedules.Count);
        Assert.Equal(count, schedules.Distinct().Count());
        Assert.All(schedules, s => Assert.True(spec.Split('x').Length == 3 || s.InApp == 2));
        Assert.Equal(count, schedules.Select(s => s.Name).Distinct().Count());
    }

    [Theory]
    [InlineData("5", "is not a schedule grid")]
    [InlineData("5x3x1x1", "is not a schedule grid")]
    [InlineData("ax3", "is not a schedule grid")]
    [InlineData("-1x3", "is not a schedule grid")]
    [InlineData("15x1", "more than 14 messages a week")]
    [InlineData("7x7x7", "is 512 schedules; an experiment runs at most 64")]
    public void ABadGridSpecIsRefusedNamingWhatIsWrong(string spec, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => FixedSchedule.Grid(spec, inApp: 2));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OptionsRefuseARepeatedOrOutOfRangeSchedule()
    {
        Assert.Contains("names a schedule twice", Assert.Throws<ArgumentException>(() => new ExperimentOptions { Schedules = [Light, Light] }.Validate()).Message, StringComparison.Ordinal);
        Assert.Contains("schedule 15+0+2", Assert.Throws<ArgumentException>(() => new ExperimentOptions { Schedules = [new FixedSchedule(15, 0, 2)] }.Validate()).Message, StringComparison.Ordinal);
    }
}
