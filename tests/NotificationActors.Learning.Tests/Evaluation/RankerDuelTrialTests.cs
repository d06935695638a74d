using System.Numerics;
using NotificationActors.Abstractions.Learning;
using NotificationActors.Abstractions.Members;
using NotificationActors.Learning.Evaluation;
using NotificationActors.Policy.Time;
using NotificationActors.Simulation.Learning;

namespace NotificationActors.Learning.Tests.Evaluation;

/// <summary>
/// A ranker's duel on members whose days are engaged at their own rate, each send's side drawn by a fair coin and the
/// challenger's sends given a known lift on their day and the next, so which ranker should win is known by construction.
/// </summary>
public sealed class RankerDuelTrialTests
{
    private static readonly IsoWeek First = IsoWeek.Parse("2026-W10");

    // The duel's units fall on days 0, 2 and 4 of each week, so each one's two days are its own.
    private static readonly int[] UnitDays = [0, 2, 4];

    private static RankerDuelTrial Run(int members, double lift, int seed, Func<int, double>? optOutPerChallengerSend = null, int weeks = 2)
    {
        var random = new Random(seed);
        var trial = new RankerDuelTrial("challenger", "champion", First, weeks);
        for (var i = 0; i < members; i++)
        {
            // Members' own levels spread widely: the within-member comparison must not feel it.
            var level = 0.05 + (0.9 * random.NextDouble());
            for (var w = 0; w < weeks; w++)
            {
                var week = IsoWeek.Containing(First.Start.AddDays(7 * w));
                var (mask, decisions, challengerSends) = (0, new List<DecisionRecord>(), 0);
                foreach (var day in UnitDays)
                {
                    var challenger = random.NextDouble() < 0.5;
                    challengerSends += challenger ? 1 : 0;
                    var rate = Math.Clamp(level + (challenger ? lift / 2 : 0), 0, 1);
                    for (var d = day; d < day + 2; d++)
                    {
                        if (random.NextDouble() < rate) mask |= 1 << d;
                    }

                    decisions.Add(Send(week, day, challenger ? "challenger" : "champion", duel: true));
                }

                var optedOut = random.NextDouble() < 0.002 + (optOutPerChallengerSend?.Invoke(challengerSends) ?? 0) ? new List<MessageChannel> { MessageChannel.Push } : [];
                trial.Add(Record(i, week, mask, decisions, optedOut));
            }
        }

        return trial;
    }

    private static MemberWeekRecord Record(int member, IsoWeek week, int mask, List<DecisionRecord> decisions, List<MessageChannel>? optedOut = null) =>
        SyntheticWorld.Record($"m-{member}", week.ToString(), default, 3, 1, BitOperations.PopCount((uint)mask), optedOut: optedOut) with
        {
            EngagedDayMask = mask,
            Decisions = decisions,
            RankingArm = "causal",
        };

    private static DecisionRecord Send(IsoWeek week, int day, string ranker, bool duel) => new()
    {
        OpportunityId = $"o-{day}-{ranker}",
        Time = week.Start.AddDays(day).AddHours(12),
        Kind = OpportunityType.Daily,
        Send = true,
        MessageId = "m",
        Channel = MessageChannel.Push,
        Reason = "selected",
        Propensity = 0.25,
        PlanWeek = week.ToString(),
        Arm = "hierarchical",
        RankingArm = "causal",
        RankerVersion = ranker,
        RankerDuel = duel,
    };

    [Theory]
    [InlineData(0.1, true)]
    [InlineData(-0.1, false)]
    public void ABetterChallengerIsPromotedAndAWorseOneRetiredWithTheEffectWithinItsError(double lift, bool promoted)
    {
        var result = Run(2_000, lift, seed: 3).Decide();

        Assert.Equal(promoted, result.Promoted);
        Assert.True(result.PerSend);
        Assert.Equal(12_000, result.ChallengerMembers + result.ChampionMembers);
        Assert.InRange(result.Improvement, lift - (3 * result.StandardError), lift + (3 * result.StandardError));
        Assert.Contains(promoted ? "promoted" : "retired", result.ToString(), StringComparison.Ordinal);
        Assert.Contains("sends where the picks differed", result.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void TheErrorIsThatOfTheSendsWithinMembersNotOfTheSpreadBetweenThem()
    {
        // The members' levels spread from 0.05 to 0.95 a day: across all sends the outcome's variance is several times
        // the within-member variance (2 p (1 - p) on average), and a comparison across members would carry it all.
        var result = Run(2_000, lift: 0, seed: 8).Decide();
        var withinMember = 2 * Enumerable.Range(0, 1000).Select(i => 0.05 + (0.9 * (i + 0.5) / 1000)).Average(p => p * (1 - p));
        var units = result.ChallengerMembers + result.ChampionMembers;

        // A within-member slope's error: sqrt(variance / sum of (side - member's mean side)^2), that sum about units x 1/4 x 5/6.
        var expected = Math.Sqrt(withinMember / (units * 0.25 * 5 / 6));
        Assert.InRange(result.StandardError, 0.85 * expected, 1.15 * expected);
    }

    [Fact]
    public void AnAATrialIsPromotedAboutOnceInTwenty()
    {
        var promotions = Enumerable.Range(0, 100).Count(seed => Run(300, lift: 0, seed: 1000 + seed).Decide().Promoted);

        Assert.InRange(promotions, 0, 12);
    }

    [Fact]
    public void OnlyTheTwoRankersDuelSendsInsideTheTrialsWeeksWithBothDaysInTheWeekCount()
    {
        var trial = new RankerDuelTrial("challenger", "champion", First);
        var outside = IsoWeek.Containing(First.Start.AddDays(14));
        trial.Add(Record(1, First, 0b11, [
            Send(First, 0, "challenger", duel: true),
            Send(First, 1, "champion", duel: true),
            Send(First, 2, "challenger", duel: false),
            Send(First, 3, "another-ranker", duel: true),
            Send(First, 6, "champion", duel: true),
        ]));
        trial.Add(Record(1, outside, 0b11, [Send(outside, 0, "champion", duel: true)]));
        trial.Add(Record(1, First.Previous(), 0b11, [Send(First.Previous(), 0, "champion", duel: true)]));

        var result = trial.Decide();

        Assert.Equal((1, 1), (result.ChallengerMembers, result.ChampionMembers));
        Assert.Equal((2.0, 1.0), (result.ChallengerValue, result.ChampionValue));
        Assert.False(result.Promoted);
        Assert.Contains("without a verdict: 1 sends where the picks differed on its side and 1 on champion's", result.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void AChallengerWhoseSendsEndInMoreOptOutsIsRetiredDespiteItsLift()
    {
        var result = Run(2_000, lift: 0.1, seed: 5, optOutPerChallengerSend: sends => 0.04 * sends).Decide();

        Assert.True(result.Improvement > 1.645 * result.StandardError);
        Assert.True(result.ChallengerOptOutRate - result.ChampionOptOutRate > result.OptOutStandardError);
        Assert.False(result.Promoted);
    }
}
