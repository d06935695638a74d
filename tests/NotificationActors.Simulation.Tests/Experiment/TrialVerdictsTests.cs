using NotificationActors.Simulation.Experiment;
using NotificationActors.Simulation.Population;

namespace NotificationActors.Simulation.Tests.Experiment;

public sealed class TrialVerdictsTests
{
    [Fact]
    public void AWeekWithATrialSaysEachSidesDifferenceWithItsErrorOverallAndByCohortAndOtherWeeksSayNothing()
    {
        var verdicts = new TrialVerdicts(weeks: 3);
        var random = new Random(3);
        for (var i = 0; i < 6_000; i++)
        {
            var challenger = i % 2 == 0;
            var cohort = (Cohort)(i / 2 % 3);

            // The challenger's casual members gain 0.2 expected engaged days on a push more, its regular ones 0.1, its
            // heavy ones nothing; every member of its side is 0.05 closer to their best plan.
            var gain = challenger ? 0.1 * (2 - (int)cohort) : 0;
            var sends = (Push: challenger && cohort == Cohort.Casual ? 3 : 2, Email: 1, InApp: 2);
            verdicts.Add(week: 1, challenger, cohort, 3.0 + gain + random.NextDouble() - 0.5, (challenger ? 0.15 : 0.2) + (0.1 * random.NextDouble()), sends);
        }

        Assert.Null(verdicts.Describe(0));
        Assert.Null(verdicts.Describe(2));
        var verdict = verdicts.Describe(1)!;

        // Uniform noise of width 1 has SD 0.289, and the gain's spread adds to it: the error of a difference of two
        // means of 3,000 is 0.008; of 1,000, 0.013.
        Assert.Matches(@"added \+0\.(09|10|11)\d ± 0\.008 expected engaged days", verdict);
        Assert.Matches(@"were \+0\.0(49|50|51) ± 0\.001 days closer", verdict);
        Assert.Matches(@"casual \+0\.(18|19|20|21|22)\d ± 0\.013 \(3\.00 / 1\.00 / 2\.00 against 2\.00 / 1\.00 / 2\.00\)", verdict);
        Assert.Matches(@"regular \+0\.(08|09|10|11|12)\d ± 0\.013 \(2\.00 / 1\.00 / 2\.00 against 2\.00 / 1\.00 / 2\.00\)", verdict);
        Assert.Matches(@"heavy [+-]0\.0[0-2]\d ± 0\.013", verdict);
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
                verdicts.Add(week, histories[i], onTrial ? ("v2", challenger) : null, Cohort.Regular, lift, regret: 0.2, (2, 1, 1));
            }
        }

        Assert.Null(verdicts.Describe(1));
        Assert.Matches(@"added \+0\.(09|10|11)\d ± 0\.00\d expected engaged days", verdicts.Describe(2)!);
        Assert.Matches(@"added \+0\.(09|10|11)\d ± 0\.00\d expected engaged days", verdicts.Describe(3)!);
    }
}
