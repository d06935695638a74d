using NotificationActors.Policy.Actions;
using NotificationActors.Policy.Fast;
using NotificationActors.Policy.Pacing;
using NotificationActors.Policy.Tests.Support;

namespace NotificationActors.Policy.Tests.Fast;

/// <summary>
/// A ranker on trial duels the champion inside the champion's decision: the champion's coins decide whether a message
/// goes out, each ranker picks one, and a fair coin sends one of the picks.
/// </summary>
public sealed class RankerDuelTests
{
    private const double Temperature = 0.1;

    private static readonly DateTimeOffset Monday = WeekSimulator.Week.Start.AddHours(12);

    // Relevance 0.2, 0.9 and 0.5: the champion's softmax mostly picks the second, the reversed challenger always the first.
    private static readonly Candidate[] Candidates = [Push("a", 0.2), Push("b", 0.9), Push("c", 0.5)];

    private static readonly FastPolicy Champion = new(options: new FastPolicyOptions { RankingTemperature = Temperature });

    private static Candidate Push(string id, double relevance) =>
        new(id, Channel.Push, "new-release", null, relevance, MessagePriority.Normal, DateTimeOffset.MaxValue);

    // One push left and several opportunities to spend it on: the coin sends about one time in three.
    private static MemberContext Member()
    {
        var member = Contexts.WithBudget(push: 1, email: 0);
        member.PushRates = new OpportunityRates(2, 0, 0);
        return member;
    }

    // The champion's softmax chance of each candidate.
    private static double ChampionChance(int index) =>
        Math.Exp(Candidates[index].Relevance / Temperature) / Candidates.Sum(c => Math.Exp(c.Relevance / Temperature));

    [Fact]
    public void TheChampionDecidesWhetherToSendAndAFairCoinSendsEitherRankersPickWithItsExactChance()
    {
        var challenger = new FastPolicy(new ReversedScorer(), options: new FastPolicyOptions { RankingTemperature = 0 });
        var member = Member();
        var (sends, challengerSends) = (0, 0);
        for (var seed = 0; seed < 4000; seed++)
        {
            var alone = Champion.Decide(member, Monday, OpportunityKind.Daily, Candidates, new Random(seed));
            var duel = Champion.Decide(member, Monday, OpportunityKind.Daily, Candidates, new Random(seed), challenger);

            Assert.Equal((alone.Send, alone.SendProbability), (duel.Send, duel.SendProbability));
            if (!duel.Send) continue;
            sends++;
            challengerSends += duel.ChallengerDecided ? 1 : 0;
            Assert.Equal(duel.ChallengerDecided ? 0 : alone.CandidateIndex, duel.CandidateIndex);
            Assert.Equal(alone.CandidateIndex != 0, duel.RankerDuel);

            // The send's chance: the channel's coin times the even mix of the champion's softmax and the challenger's certainty.
            var chance = (0.5 * ChampionChance(duel.CandidateIndex)) + (duel.CandidateIndex == 0 ? 0.5 : 0);
            Assert.Equal(duel.SendProbability * chance, duel.Propensity, 12);
            Assert.Equal(duel.CandidateIndex == 1 ? duel.SendProbability * 0.5 * ChampionChance(1) : double.NaN, duel.BestSendProbability, 12);
        }

        Assert.InRange(sends, 800, 3200);
        var error = Math.Sqrt(0.25 / sends);
        Assert.InRange(challengerSends / (double)sends, 0.5 - (4 * error), 0.5 + (4 * error));
    }

    [Fact]
    public void AChallengerWhoseFloorLeavesItNothingHoldsOnItsSideOfTheCoinAndTheChampionSendsOnTheOther()
    {
        var refusing = new FastPolicy(new ReversedScorer(shift: -1), options: new FastPolicyOptions { RankingTemperature = 0, MinimumScore = 0 });
        var member = Member();
        var decisions = Enumerable.Range(0, 2000)
            .Select(seed => (Alone: Champion.Decide(member, Monday, OpportunityKind.Daily, Candidates, new Random(seed)), Duel: Champion.Decide(member, Monday, OpportunityKind.Daily, Candidates, new Random(seed), refusing)))
            .Where(d => d.Alone.Send)
            .ToList();

        Assert.All(decisions, d => Assert.True(d.Duel.RankerDuel));
        var (refused, sent) = (decisions.Where(d => d.Duel.ChallengerDecided).ToList(), decisions.Where(d => !d.Duel.ChallengerDecided).ToList());
        Assert.NotEmpty(refused);
        Assert.NotEmpty(sent);
        Assert.All(refused, d => Assert.Equal((false, DecisionReason.BelowThreshold), (d.Duel.Send, d.Duel.Reason)));
        Assert.All(refused, d => Assert.Equal(d.Alone.SendProbability * 0.5, d.Duel.Propensity, 12));
        Assert.All(sent, d => Assert.Equal((true, d.Alone.CandidateIndex), (d.Duel.Send, d.Duel.CandidateIndex)));
    }

    // One minus the caller's relevance, plus a shift: a ranker that orders the candidates the other way.
    private sealed class ReversedScorer(double shift = 0) : ICandidateScorer
    {
        public string Version => "reversed";

        public double Score(MemberContext member, in Candidate candidate, OpportunityKind kind, DateTimeOffset now) => 1 - candidate.Relevance + shift;
    }
}
