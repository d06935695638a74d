using NotificationActors.Abstractions.Members;
using NotificationActors.Learning.Evaluation;
using NotificationActors.Policy.Slow;
using NotificationActors.Policy.Time;
using NotificationActors.Simulation.Learning;

namespace NotificationActors.Learning.Tests.Evaluation;

/// <summary>
/// The live trial on members whose two weeks of engaged days are drawn around their own level, with the challenger's
/// members given a known lift (or loss) and opt-out rate, so which side should win is known by construction.
/// </summary>
public sealed class ChallengerTrialTests
{
    private static readonly IsoWeek First = IsoWeek.Parse("2026-W10");

    // Each member's engaged days in each trial week: binomial on their level, moved by the challenger's effect.
    private static ChallengerTrial Run(int members, double challengerLift, double challengerOptOut, int seed, string champion = "champion", int weeks = ChallengerTrial.DefaultWeeks,
        Func<int, IsoWeek, bool>? logged = null, bool levelInTwoFeatures = false, int weeksBefore = 0, bool levelInFeatures = true, bool usualDismissRateBySide = false,
        Func<int, bool>? plansDiffer = null, bool flagged = true)
    {
        var random = new Random(seed);
        var trial = new ChallengerTrial("challenger", champion, First, new SlowPolicyOptions(), weeks);
        foreach (var week in Enumerable.Range(-weeksBefore, weeks + weeksBefore).Select(w => IsoWeek.Containing(First.Start.AddDays(7 * w))))
        {
            // A fresh draw of the same population each week: the same ids, their level from the same seed.
            var levels = new Random(seed + 1);
            for (var i = 0; i < members; i++)
            {
                var level = 0.5 + (6 * levels.NextDouble());
                var features = new MemberFeatures { EngagedDaysPerWeek = levelInFeatures ? level : 3.5 };
                if (levelInTwoFeatures)
                {
                    var share = levels.NextDouble();
                    features = new MemberFeatures { EngagedDaysPerWeek = share * level, PushOpenRate = (1 - share) * level / 7 };
                }

                var onChallenger = PolicyEngineSplit(i);
                if (usualDismissRateBySide) features = features with { UsualDismissRate = onChallenger ? 0.1 : 0.2 };
                // Where the versions plan alike the challenger changes nothing.
                var differs = plansDiffer?.Invoke(i) ?? true;
                var expected = Math.Clamp(level + (onChallenger && differs && week >= First ? challengerLift / weeks : 0), 0, 7);
                var days = Enumerable.Range(0, 7).Count(_ => random.NextDouble() < expected / 7);
                var optedOut = random.NextDouble() < (onChallenger ? challengerOptOut : 0.01) / weeks ? new List<MessageChannel> { MessageChannel.Push } : [];
                if (logged is not null && !logged(i, week)) continue;
                var side = onChallenger ? "challenger" : "champion";
                trial.Add(SyntheticWorld.Record($"m-{i}", week.ToString(), features, 3, 1, days, optedOut: optedOut)
                    with { ModelVersion = side, TrialPlansDiffer = plansDiffer is not null && flagged && week >= First ? differs : null });
            }
        }

        return trial;
    }

    private static bool PolicyEngineSplit(int member) => member % 2 == 0;

    [Fact]
    public void ATrialWithNoChallengerMembersIsRetiredWithoutAVerdictAndSaysSo()
    {
        // Only the champion's side ever served.
        var result = Run(1_000, challengerLift: 0.3, challengerOptOut: 0.01, seed: 4, logged: (i, _) => !PolicyEngineSplit(i)).Decide();

        Assert.False(result.Promoted);
        Assert.Equal((0, 500), (result.ChallengerMembers, result.ChampionMembers));
        Assert.Contains("without a verdict: 0 members on its side and 500 on champion's", result.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("NaN", result.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ALongerTrialCountsOnlyMembersWhoseEveryWeekArrivedAndSaysHowManyWeeks()
    {
        // Members 0-99 miss the middle week, members 100-199 the last: neither completes a three-week trial.
        var trial = Run(4_000, challengerLift: 0.3, challengerOptOut: 0.01, seed: 5, weeks: 3,
            logged: (i, week) => !(i < 100 && week == First.Next()) && !(i is >= 100 and < 200 && week > First.Next()));

        var result = trial.Decide();

        Assert.Equal(IsoWeek.Parse("2026-W12"), trial.LastWeek);
        Assert.Equal((1_900, 1_900), (result.ChallengerMembers, result.ChampionMembers));
        Assert.Equal(3, result.Weeks);
        Assert.Contains("over 3 weeks", result.ToString(), StringComparison.Ordinal);
        Assert.True(result.Promoted, result.ToString());
    }

    [Fact]
    public void AChallengerWhoseMembersEngageClearlyMoreIsPromoted()
    {
        var result = Run(4_000, challengerLift: 0.3, challengerOptOut: 0.01, seed: 1).Decide();

        Assert.True(result.Promoted, result.ToString());
        Assert.Equal((2_000, 2_000), (result.ChallengerMembers, result.ChampionMembers));
        Assert.InRange(result.Improvement, 0.15, 0.45);

        // The pre-trial level explains most of the spread between members: the error is that of the week-to-week noise.
        Assert.True(result.StandardError < 0.1, result.ToString());
    }

    [Fact]
    public void OnlyMembersWhoseFirstWeekTheVersionsPlannedDifferentlyCount()
    {
        // A quarter of the members' plans differ and only they gain; the rest are the same treatment on either side. The
        // same members and draws, with and without the records saying which.
        static bool Differs(int member) => member % 8 < 2;
        var counted = Run(16_000, challengerLift: 1, challengerOptOut: 0.01, seed: 6, plansDiffer: Differs).Decide();
        var all = Run(16_000, challengerLift: 1, challengerOptOut: 0.01, seed: 6, plansDiffer: Differs, flagged: false).Decide();

        Assert.Equal((2_000, 2_000, 12_000), (counted.ChallengerMembers, counted.ChampionMembers, counted.AlikeMembers));
        Assert.Equal((8_000, 8_000, 0), (all.ChallengerMembers, all.ChampionMembers, all.AlikeMembers));
        Assert.InRange(counted.Improvement, 0.8, 1.2);
        Assert.InRange(all.Improvement, 0.15, 0.35);

        // A gain among a quarter of the members is twice as many standard errors away when only they count.
        Assert.InRange(counted.Improvement / counted.StandardError / (all.Improvement / all.StandardError), 1.6, 2.5);
        Assert.Contains("12,000 planned alike left out", counted.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void AChallengerThatGainsOnlyWhereItPlansDifferentlyIsPromotedOnThoseMembersAloneWhereAllWouldHideIt()
    {
        // A smaller lift: a fifth of the members' plans differ, and among all members it is within the noise.
        static bool Differs(int member) => member % 10 < 2;
        var counted = Run(16_000, challengerLift: 0.15, challengerOptOut: 0.01, seed: 7, plansDiffer: Differs).Decide();
        var all = Run(16_000, challengerLift: 0.15, challengerOptOut: 0.01, seed: 7, plansDiffer: Differs, flagged: false).Decide();

        Assert.True(counted.Promoted, $"{counted}; {all}");
        Assert.False(all.Promoted, $"{counted}; {all}");
    }

    [Fact]
    public void ThePopulationsUsualDismissRateDoesNotAdjustTheOutcomeEvenWhereTheSidesReadItApart()
    {
        // Were it a covariate, a rate that tells the sides apart would take the challenger's lift into the adjustment.
        var result = Run(4_000, challengerLift: 0.3, challengerOptOut: 0.01, seed: 1, usualDismissRateBySide: true).Decide();

        Assert.True(result.Promoted, result.ToString());
        Assert.InRange(result.Improvement, 0.15, 0.45);
    }

    [Fact]
    public void EveryFeatureThePlansWereMadeWithAdjustsTheOutcomeNotOnlyActivity()
    {
        // The same members and draws; in the second trial each member's level is their activity plus seven times their
        // push open rate, in shares that vary by member, so activity alone would leave part of the spread.
        var levelInActivity = Run(4_000, challengerLift: 0, challengerOptOut: 0.01, seed: 3).Decide();
        var levelInTwoFeatures = Run(4_000, challengerLift: 0, challengerOptOut: 0.01, seed: 3, levelInTwoFeatures: true).Decide();

        Assert.InRange(levelInTwoFeatures.StandardError / levelInActivity.StandardError, 0.97, 1.03);
    }

    [Fact]
    public void MembersEngagedDaysBeforeTheTrialAdjustTheOutcome()
    {
        // The plans' features say nothing of the members' levels; eight weeks before the trial show them.
        var withoutPreTrial = Run(4_000, challengerLift: 0, challengerOptOut: 0.01, seed: 4, levelInFeatures: false).Decide();
        var withPreTrial = Run(4_000, challengerLift: 0, challengerOptOut: 0.01, seed: 4, weeksBefore: 8, levelInFeatures: false).Decide();

        Assert.Equal((2_000, 2_000), (withPreTrial.ChallengerMembers, withPreTrial.ChampionMembers));
        Assert.True(withPreTrial.StandardError < 0.6 * withoutPreTrial.StandardError, $"{withPreTrial.StandardError:F3} against {withoutPreTrial.StandardError:F3}");
    }

    [Theory]
    [InlineData(-0.3, 0.01)]
    [InlineData(0, 0.01)]
    [InlineData(0.3, 0.08)]
    public void AChallengerThatIsWorseLevelOrBuysEngagementWithOptOutsIsRetired(double lift, double optOut)
    {
        var result = Run(4_000, lift, optOut, seed: 2).Decide();

        Assert.False(result.Promoted, result.ToString());
    }

    [Fact]
    public void TooFewMembersKeepTheChampionAndRecordsOfOtherVersionsOrWeeksAreNotTheTrials()
    {
        Assert.False(Run(300, challengerLift: 3, challengerOptOut: 0.01, seed: 3).Decide().Promoted);

        // Nobody planned with "other": no member is enrolled on its side.
        var result = Run(4_000, challengerLift: 0.3, challengerOptOut: 0.01, seed: 4, champion: "other").Decide();
        Assert.Equal(0, result.ChampionMembers);
        Assert.False(result.Promoted);
    }
}
