using NotificationActors.Policy.Actions;
using NotificationActors.Policy.Fast;
using NotificationActors.Policy.Pacing;
using NotificationActors.Policy.Tests.Support;

namespace NotificationActors.Policy.Tests.Fast;

public class FastPolicyTests
{
    private static readonly DateTimeOffset Monday = WeekSimulator.Week.Start.AddHours(12);
    private static readonly FastPolicy Greedy = new(options: new FastPolicyOptions { RankingTemperature = 0 });

    private static Candidate Push(string id, double relevance = 0.5, string category = "new-release", string? title = null, MessagePriority priority = MessagePriority.Normal) =>
        new(id, Channel.Push, category, title, relevance, priority, DateTimeOffset.MaxValue);

    // A member whose last push of the week is certain to go out: one opportunity left, one message left.
    private static MemberContext LastChance()
    {
        var member = Contexts.WithBudget(push: 1, email: 0);
        member.PushRates = new OpportunityRates(0, 0, 0);
        return member;
    }

    [Fact]
    public void TheMostRelevantEligibleCandidateIsSelected()
    {
        var decision = Greedy.Decide(LastChance(), Monday, OpportunityKind.Daily, [Push("a", 0.2), Push("b", 0.9), Push("c", 0.5)], new Random(1));

        Assert.Equal((true, 1, DecisionReason.Selected), (decision.Send, decision.CandidateIndex, decision.Reason));
        Assert.Equal(1, decision.Propensity, 12);
    }

    [Fact]
    public void AnOptedOutChannelHoldsWithOptedOut()
    {
        var member = LastChance();
        member.OptedIn = ChannelSet.All.Without(Channel.Push);

        var decision = Greedy.Decide(member, Monday, OpportunityKind.Daily, [Push("a")], new Random(1));

        Assert.Equal((false, DecisionReason.OptedOut), (decision.Send, decision.Reason));
    }

    [Fact]
    public void MutedExpiredAndAlreadySentCandidatesAreNotEligible()
    {
        var member = LastChance();
        member.MutedCategories = Contexts.Set("promotions");
        member.SentMessageIds = Contexts.Set("sent-before");
        member.SentTitleIds = Contexts.Set("t-1");
        Candidate[] candidates =
        [
            Push("muted", category: "promotions"),
            Push("sent-before"),
            Push("same-title", title: "t-1"),
            Push("expired") with { ExpiresAt = Monday },
        ];

        var decision = Greedy.Decide(member, Monday, OpportunityKind.Daily, candidates, new Random(1));

        Assert.Equal((false, DecisionReason.NoEligibleCandidate), (decision.Send, decision.Reason));
    }

    [Fact]
    public void AUsedUpBudgetHoldsWithBudgetExhausted()
    {
        var member = LastChance();
        member.Sent = new ChannelCounts(1, 0, 0);

        var decision = Greedy.Decide(member, Monday, OpportunityKind.Daily, [Push("a")], new Random(1));

        Assert.Equal((false, DecisionReason.BudgetExhausted), (decision.Send, decision.Reason));
    }

    [Fact]
    public void TheReasonIsTheFurthestStageAnyCandidateReached()
    {
        var member = LastChance();
        member.OptedIn = ChannelSet.Push;
        member.Sent = new ChannelCounts(1, 0, 0);
        Candidate[] candidates = [Push("email") with { Channel = Channel.Email }, Push("push")];

        var decision = Greedy.Decide(member, Monday, OpportunityKind.Daily, candidates, new Random(1));

        Assert.Equal(DecisionReason.BudgetExhausted, decision.Reason);
    }

    [Fact]
    public void APacingHoldLogsTheProbabilityOfNotSending()
    {
        var member = Contexts.WithBudget(push: 1, email: 0);
        member.PushRates = new OpportunityRates(1000, 0, 0);
        var holds = 0;
        var random = new Random(5);
        Decision hold = default;

        for (var i = 0; i < 200; i++)
        {
            var decision = Greedy.Decide(member, Monday, OpportunityKind.Daily, [Push($"m{i}")], random);
            if (!decision.Send)
            {
                holds++;
                hold = decision;
            }
        }

        Assert.True(holds > 150, $"only {holds} holds with one push for ~600 opportunities left");
        Assert.Equal(DecisionReason.Pacing, hold.Reason);
        Assert.True(hold.Propensity is > 0.99 and < 1);
    }

    // A push of relevance 0.2 and an email of 0.9 (the best), one of each left for the week, decided again and again.
    private static List<Decision> PushBelowEmail(int opportunitiesLeft, int decisions, int seed)
    {
        var member = Contexts.WithBudget(push: 1, email: 1);
        (member.PushRates, member.EmailRates) = (new OpportunityRates(opportunitiesLeft, 0, 0), new OpportunityRates(opportunitiesLeft, 0, 0));
        Candidate[] candidates = [Push("low", 0.2), new("high", Channel.Email, "trending", null, 0.9, MessagePriority.Normal, DateTimeOffset.MaxValue)];
        var random = new Random(seed);
        return [.. Enumerable.Range(0, decisions).Select(_ => Greedy.Decide(member, Monday, OpportunityKind.Daily, candidates, random))];
    }

    [Fact]
    public void APacingHoldNamesTheBestCandidateHeldBackAndTheChanceTheCoinsHadOfSending()
    {
        // A hold is the coins of every channel coming up tails: its propensity is 1 - the chance of sending.
        var decisions = PushBelowEmail(opportunitiesLeft: 20, decisions: 300, seed: 3);
        var holds = decisions.Where(d => d.Reason == DecisionReason.Pacing).ToList();

        Assert.NotEmpty(holds);
        Assert.Contains(decisions, d => d.Send);
        Assert.All(holds, h => Assert.Equal((1, 1 - h.SendProbability), (h.BestIndex, h.Propensity), new ToleranceComparer(1e-12)));
        Assert.All(decisions.Where(d => d.Send), d => Assert.Equal(1, d.BestIndex));
    }

    [Fact]
    public void ASendOfTheBestCandidateRecordsTheChanceItWentOutAndASendOfAnotherDoesNot()
    {
        // The best (email) goes out when the email coin comes up; the push goes out only when the email coin does not.
        var decisions = PushBelowEmail(opportunitiesLeft: 6, decisions: 4000, seed: 5);
        var (best, other) = (decisions.Where(d => d.Send && d.CandidateIndex == 1).ToList(), decisions.Where(d => d.Send && d.CandidateIndex == 0).ToList());

        Assert.NotEmpty(other);
        Assert.All(other, d => Assert.True(double.IsNaN(d.BestSendProbability)));
        var chance = best[0].BestSendProbability;
        Assert.All(best, d => Assert.Equal(chance, d.BestSendProbability));
        Assert.True(chance < best[0].SendProbability, $"the best's chance {chance} is its channel's coin, below the chance any goes out {best[0].SendProbability}");
        var error = Math.Sqrt(chance * (1 - chance) / decisions.Count);
        Assert.InRange(best.Count / (double)decisions.Count, chance - (4 * error), chance + (4 * error));
    }

    [Fact]
    public void EffectsAThousandthOfADayApartAreRankedOnlyWithoutTheEngagementScalesTemperature()
    {
        // A causal ranker's effects sit thousandths of a day apart: at the engagement scale's temperature the choice is a coin flip.
        var member = LastChance();
        Candidate[] candidates = [Push("worse", 0.002), Push("better", 0.003)];
        var (greedy, atEngagementScale) = (Share(0), Share(FastPolicyOptions.DefaultRankingTemperature));

        Assert.Equal(1, greedy);
        Assert.True(atEngagementScale < 0.53, $"at the engagement scale's temperature {atEngagementScale:P1}");

        double Share(double temperature)
        {
            var policy = new FastPolicy(new ShiftedScorer(0), options: new FastPolicyOptions { RankingTemperature = temperature });
            var random = new Random(9);
            return Enumerable.Range(0, 2000).Count(_ => policy.Decide(member, Monday, OpportunityKind.Daily, candidates, random).CandidateIndex == 1) / 2000.0;
        }
    }

    [Fact]
    public void ACandidateBelowTheMinimumScoreIsNeverSentUnlessTransactional()
    {
        var effect = new FastPolicy(new ShiftedScorer(-0.5), options: new FastPolicyOptions { RankingTemperature = 0, MinimumScore = 0 });
        var member = LastChance();

        var harmful = effect.Decide(member, Monday, OpportunityKind.Daily, [Push("a", 0.3), Push("b", 0.45)], new Random(1));
        var mixed = effect.Decide(member, Monday, OpportunityKind.Daily, [Push("a", 0.3), Push("b", 0.8)], new Random(1));
        var transactional = effect.Decide(member, Monday, OpportunityKind.Daily, [Push("reset", 0.1, priority: MessagePriority.Transactional)], new Random(1));

        Assert.Equal((false, DecisionReason.BelowThreshold), (harmful.Send, harmful.Reason));
        Assert.Equal((true, 1), (mixed.Send, mixed.CandidateIndex));
        Assert.True(transactional.Send);
    }

    [Fact]
    public void APacingScorerWeighsTheOpportunityWhileTheRankerOrdersTheCandidates()
    {
        // The effect-like ranker prefers "b"; pacing weighs the opportunity by relevance alone, on its own yardstick.
        var member = Contexts.WithBudget(push: 1, email: 0);
        member.Pacing = PacingProfile.RelevanceWeighted;
        member.PushRates = new OpportunityRates(3, 0, 0) { RelevanceScale = PacingGate.RelevancePower(0.5) };
        var paced = new FastPolicy(new ShiftedScorer(-0.5), options: new FastPolicyOptions { RankingTemperature = 0 }, pacing: RelevanceScorer.Instance);
        var relevance = new FastPolicy(options: new FastPolicyOptions { RankingTemperature = 0 });
        Candidate[] candidates = [Push("a", 0.4), Push("b", 0.6)];

        var decision = paced.Decide(member, Monday, OpportunityKind.Daily, candidates, new Random(2));
        var byRelevance = relevance.Decide(member, Monday, OpportunityKind.Daily, candidates, new Random(2));

        Assert.Equal(byRelevance.PushBestScore, decision.PushBestScore);
        Assert.Equal(byRelevance.SendProbability, decision.SendProbability);
        Assert.Equal(RelevanceScorer.RelevanceVersion, paced.PacingScorer.Version);
        Assert.Equal("shifted", paced.Scorer.Version);
    }

    [Fact]
    public void TransactionalMessagesBypassPacingBudgetAndQuietHours()
    {
        var member = Contexts.WithBudget(push: 0, email: 0);
        member.QuietHours = new QuietHours(new TimeOnly(0, 0), new TimeOnly(23, 59));

        var decision = Greedy.Decide(member, Monday, OpportunityKind.Daily, [Push("promo"), Push("reset-password", 0.01, priority: MessagePriority.Transactional)], new Random(1));

        Assert.Equal((true, 1, 1.0), (decision.Send, decision.CandidateIndex, decision.Propensity));
    }

    [Fact]
    public void TransactionalMessagesNeverBypassAnOptOut()
    {
        var member = Contexts.WithBudget();
        member.OptedIn = ChannelSet.Email;

        var decision = Greedy.Decide(member, Monday, OpportunityKind.Daily, [Push("reset-password", priority: MessagePriority.Transactional)], new Random(1));

        Assert.Equal((false, DecisionReason.OptedOut), (decision.Send, decision.Reason));
    }

    [Fact]
    public void RankingLogsTheSoftmaxPropensityOfTheChosenCandidate()
    {
        var policy = new FastPolicy(options: new FastPolicyOptions { RankingTemperature = 0.1 });
        Candidate[] candidates = [Push("low", 0.4), Push("high", 0.5)];
        var counts = new int[2];
        var logged = new double[2];
        var random = new Random(3);
        const int Draws = 20_000;

        for (var i = 0; i < Draws; i++)
        {
            var decision = policy.Decide(LastChance(), Monday, OpportunityKind.Daily, candidates, random);
            counts[decision.CandidateIndex]++;
            logged[decision.CandidateIndex] = decision.Propensity;
        }

        var expectedHigh = 1 / (1 + Math.Exp(-1));
        Assert.Equal(expectedHigh, logged[1], 9);
        Assert.Equal(1 - expectedHigh, logged[0], 9);
        Assert.Equal(expectedHigh, (double)counts[1] / Draws, 2);
    }

    [Fact]
    public void AnInAppMessageWithoutInAppBudgetIsHeldAsBudgetExhausted()
    {
        var member = Contexts.WithBudget(push: 0, email: 0, inApp: 0);

        var decision = Greedy.Decide(member, Monday, OpportunityKind.Session, [Push("banner") with { Channel = Channel.InApp }], new Random(1));

        Assert.Equal((false, DecisionReason.BudgetExhausted), (decision.Send, decision.Reason));
    }

    [Fact]
    public void AnInAppMessageGoesOutOnItsLastChanceAndLogsItsCoin()
    {
        var member = Contexts.WithBudget(push: 0, email: 0, inApp: 1);
        member.InAppRates = new OpportunityRates(0, 0, 0);

        var decision = Greedy.Decide(member, Monday, OpportunityKind.Session, [Push("banner") with { Channel = Channel.InApp }], new Random(1));

        Assert.Equal((true, Channel.InApp), (decision.Send, decision.Channel));
        Assert.Equal(1, decision.Propensity, 12);
        Assert.Equal(0.5, decision.InAppBestScore, 12);
    }

    [Fact]
    public void ATransactionalInAppMessageNeedsNoBudget()
    {
        var member = Contexts.WithBudget(push: 0, email: 0, inApp: 0);

        var decision = Greedy.Decide(member, Monday, OpportunityKind.Session,
            [Push("receipt", priority: MessagePriority.Transactional) with { Channel = Channel.InApp }], new Random(1));

        Assert.Equal((true, Channel.InApp), (decision.Send, decision.Channel));
    }

    [Fact]
    public void ManyCandidatesBeyondTheStackLimitStillDecide()
    {
        var candidates = Enumerable.Range(0, FastPolicy.StackCandidateLimit + 50).Select(i => Push($"m{i}", i / 1000.0)).ToArray();

        var decision = Greedy.Decide(LastChance(), Monday, OpportunityKind.Daily, candidates, new Random(1));

        Assert.Equal(candidates.Length - 1, decision.CandidateIndex);
    }

    // The caller's relevance plus a shift: an effect-like score that can fall below zero.
    private sealed class ShiftedScorer(double shift) : ICandidateScorer
    {
        public string Version => "shifted";

        public double Score(MemberContext member, in Candidate candidate, OpportunityKind kind, DateTimeOffset now) => candidate.Relevance + shift;
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<(int, double)>
    {
        public bool Equals((int, double) x, (int, double) y) => x.Item1 == y.Item1 && Math.Abs(x.Item2 - y.Item2) <= tolerance;

        public int GetHashCode((int, double) obj) => obj.Item1;
    }
}
