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

    [Fact]
    public void ASplitThatHappensToHoldMoreActiveMembersReadsAsTheChallengersEffectAloneMeasuredFromTheWeeksBefore()
    {
        // The challenger's side holds members whose messages add 0.05 days more every week, trial or not; the challenger
        // itself adds 0.1 in its weeks (2 and 3). Members 0-99 arrive in week 2, with no week before the trial.
        var verdicts = new TrialVerdicts(weeks: 4);
        var histories = Enumerable.Range(0, 4_000).Select(_ => new TrialHistory()).ToArray();
        var random = new Random(5);
        for (var week = 0; week < 4; week++)
        {
            for (var i = week < 2 ? 100 : 0; i < histories.Length; i++)
            {
                var challenger = i % 2 == 0;
                var onTrial = week is 2 or 3;
                var lift = 1.0 + (challenger ? 0.05 : 0) + (challenger && onTrial ? 0.1 : 0) + (0.2 * (random.NextDouble() - 0.5));
                verdicts.Add(week, histories[i], onTrial ? ("v2", challenger) : null, lift, regret: 0.2);
            }
        }

        Assert.Null(verdicts.Describe(1));
        Assert.Matches(@"added \+0\.(09|10|11)\d ± 0\.00\d expected engaged days", verdicts.Describe(2)!);
        Assert.Matches(@"added \+0\.(09|10|11)\d ± 0\.00\d expected engaged days", verdicts.Describe(3)!);
    }
}
