using NotificationActors.Simulation.Experiment;

namespace NotificationActors.Simulation.Tests.Experiment;

public sealed class TrialVerdictsTests
{
    [Fact]
    public void AWeekWithATrialSaysEachSidesDifferenceWithItsErrorAndOtherWeeksSayNothing()
    {
        var verdicts = new TrialVerdicts(weeks: 3);
        var random = new Random(3);
        for (var i = 0; i < 4_000; i++)
        {
            var challenger = i % 2 == 0;

            // The challenger's members gain 0.1 expected engaged days and are 0.05 closer to their best plan.
            verdicts.Add(week: 1, challenger, (challenger ? 3.1 : 3.0) + random.NextDouble() - 0.5, (challenger ? 0.15 : 0.2) + (0.1 * random.NextDouble()));
        }

        Assert.Null(verdicts.Describe(0));
        Assert.Null(verdicts.Describe(2));
        var verdict = verdicts.Describe(1)!;

        // Uniform noise of width 1 has SD 0.289: the error of a difference of two means of 2,000 is 0.009.
        Assert.Matches(@"added \+0\.(09|10|11)\d ± 0\.009 expected engaged days", verdict);
        Assert.Matches(@"were \+0\.05\d ± 0\.001 days closer", verdict);
    }
}
