using NotificationActors.Abstractions.Learning;
using NotificationActors.Abstractions.Members;
using NotificationActors.Learning.Artefacts;
using NotificationActors.Learning.Bandit;
using NotificationActors.Learning.Training;
using NotificationActors.Policy.Actions;
using NotificationActors.Policy.Fast;
using NotificationActors.Policy.Pacing;
using NotificationActors.Policy.Time;

namespace NotificationActors.Learning.Tests.Bandit;

/// <summary>
/// The causal ranker on a log whose truth is known: each member visits on a day with their base chance (at most 3 days
/// in 7), and a message the pacing coins let out is engaged with at its intent's rate, an engaged one adding a half to
/// the chance of its day and of the next, so the effect of sending on the two days' engaged days is the intent's
/// engagement rate. The coins' chances vary from decision to decision.
/// </summary>
public sealed class CausalRankerTests
{
    private static readonly IsoWeek Week = IsoWeek.Parse("2026-W40");

    // Intents with their engagement rate, which is their true effect, and share of decisions: "rare" is seldom offered and does nothing.
    private static readonly (string Category, double Effect, double Share)[] Intents =
        [("trending", 0.30, 0.49), ("watchlist", 0.12, 0.49), ("rare", 0.0, 0.02)];

    // A lure is engaged with (opened) twice as often as a series but seldom played from; only plays bring the member back.
    private static readonly (string Category, double Engaged, double Played)[] Lures = [("lure", 0.5, 0.03), ("series", 0.25, 0.2)];

    private static MemberWeekRecord[] Log(int members, int seed, bool lures = false)
    {
        var random = new Random(seed);
        var records = new MemberWeekRecord[members];
        for (var m = 0; m < members; m++)
        {
            var activity = 1 + (random.NextDouble() * 2);
            var dayChance = new double[8];
            for (var d = 0; d < 8; d++) dayChance[d] = activity / 7;
            var decisions = new List<DecisionRecord>();
            for (var day = 0; day < 6; day++)
            {
                var pick = random.NextDouble();
                var intent = pick < Intents[0].Share ? Intents[0] : pick < Intents[0].Share + Intents[1].Share ? Intents[1] : Intents[2];
                var p = 0.2 + (0.6 * random.NextDouble());
                var send = random.NextDouble() < p;
                var engaged = send && random.NextDouble() < intent.Effect;
                var played = engaged;
                if (lures)
                {
                    var lure = Lures[random.Next(Lures.Length)];
                    intent = (lure.Category, 0, 0.5);
                    var draw = random.NextDouble();
                    (engaged, played) = (send && draw < lure.Engaged, send && draw < lure.Played);
                }

                if (played)
                {
                    dayChance[day] += 0.5;
                    dayChance[day + 1] += 0.5;
                }

                decisions.Add(SendCoinDecisions.Daily(m, Week, day, p, send, engaged, played, intent.Category));
            }

            var mask = 0;
            for (var d = 0; d < 7; d++)
            {
                if (random.NextDouble() < dayChance[d]) mask |= 1 << d;
            }

            records[m] = new MemberWeekRecord
            {
                MemberId = $"member-{m:D6}",
                Week = Week.ToString(),
                Arm = "hierarchical",
                Policy = "hierarchical",
                ModelVersion = "parametric-1",
                Pacing = "uniform",
                Propensity = 1,
                Explored = false,
                UtilityTerms = new Dictionary<string, double>(),
                Features = new Dictionary<string, double> { ["engagedDaysPerWeek"] = activity },
                Decisions = decisions,
                Sent = new ChannelCountsView { Push = decisions.Count(d => d.Send) },
                Outcomes = new Dictionary<string, int>(),
                EngagedDays = System.Numerics.BitOperations.PopCount((uint)mask),
                EngagedDayMask = mask,
                ActivityMinutes = 0,
                OptedOut = [],
            };
        }

        return records;
    }

    // The records carry no plan, so only the rankers read them.
    private static async Task<CausalRankerCard> TrainAsync(int members, int seed, bool lures = false)
    {
        var set = await LearningSet.ReadAsync(Log(members, seed, lures).ToAsyncEnumerable());
        var options = new RewardTrainingOptions();
        var (card, skipped) = CausalTrainer.Fit(set.Bandit.Causal, BanditTrainer.Fit(set.Bandit, options).Card, options);
        Assert.True(card is not null, skipped);
        return card;
    }

    private static double Effect(ICandidateScorer scorer, string category) =>
        scorer.Score(new MemberContext { EngagedDaysPerWeek = 3 }, new Candidate("m", Channel.Push, category, null, 0.5, MessagePriority.Normal, DateTimeOffset.MaxValue),
            OpportunityKind.Daily, Week.Start.AddHours(12));

    [Fact]
    public async Task EachIntentsCalibratedEffectLiesWithinItsIntervalOfTheTruth()
    {
        var card = await TrainAsync(30_000, seed: 1);
        var scorer = ModelArtefacts.LoadCausalScorer(card, "v1");

        Assert.All(card.Calibration, c =>
        {
            var truth = Intents.Single(i => i.Category == c.Category).Effect;
            Assert.InRange(truth, c.ObservedLower!.Value, c.ObservedUpper!.Value);
            var error = (c.ObservedUpper!.Value - c.ObservedLower!.Value) / 2;
            Assert.InRange(Effect(scorer, c.Category), truth - error, truth + error);
        });
        Assert.True(Effect(scorer, "trending") > Effect(scorer, "watchlist"), "the stronger intent ranks first");
    }

    [Fact]
    public async Task AnIntentWithFewSendsAndNoEffectIsNotOverSelectedAfterCalibration()
    {
        var card = await TrainAsync(30_000, seed: 2);
        var scorer = ModelArtefacts.LoadCausalScorer(card, "v1");
        var policy = new FastPolicy(scorer, options: new FastPolicyOptions { RankingTemperature = 0, MinimumScore = 0 });
        var member = new MemberContext { EngagedDaysPerWeek = 3, Budget = new ChannelCounts(1, 0, 0), WeekEnd = Week.End, PushRates = new OpportunityRates(0, 0, 0) };
        Candidate Offer(string category) => new($"m-{category}", Channel.Push, category, null, 0.5, MessagePriority.Normal, DateTimeOffset.MaxValue);

        var rareCell = card.Calibration.Single(c => c.Category == "rare");
        var chosen = policy.Decide(member, Week.Start.AddHours(12), OpportunityKind.Daily, [Offer("rare"), Offer("watchlist")], new Random(1));

        Assert.True(rareCell.Sends + rareCell.Holds < 0.05 * card.ValidationDecisions, "the intent is rare");
        Assert.True(Effect(scorer, "rare") < Effect(scorer, "watchlist") / 2, $"rare {Effect(scorer, "rare"):F3} against watchlist {Effect(scorer, "watchlist"):F3}");
        Assert.Equal((true, 1), (chosen.Send, chosen.CandidateIndex));
    }

    [Fact]
    public async Task AnIntentOpenedMoreButPlayedFromLessRanksBelowOneThatIsPlayedFrom()
    {
        var card = await TrainAsync(20_000, 7, lures: true);
        var scorer = ModelArtefacts.LoadCausalScorer(card, "lures");

        // The engagement ranker prefers the lure; the effect, through the intents' play yields, does not.
        Assert.True(card.Terms["plays"] > 0, $"plays weight {card.Terms["plays"]:0.000}");
        Assert.True(Effect(scorer, "series") > Effect(scorer, "lure") + 0.05, $"series {Effect(scorer, "series"):0.000}, lure {Effect(scorer, "lure"):0.000}");
    }

    [Theory]
    [InlineData(0.0, true)]
    [InlineData(0.02, false)]
    public void ACardNamingADroppedFeatureLoadsOnlyWhenItWeighsNothing(double droppedWeight, bool loads)
    {
        var relevance = CausalFeatures.Index("relevance*category0");
        var effect = new double[CausalFeatures.Length];
        effect[relevance] = 0.4;
        CausalRankerCard Card(IEnumerable<string> features, IEnumerable<double> weights) => new()
        {
            Features = [.. features], Effect = [.. weights], Ridge = 1, HorizonDays = 2, TrainSends = 1, TrainHolds = 1, ValidationDecisions = 0, MeanPredictedEffect = 0,
        };

        // A card from before the activity-times-bandit block was dropped names it after the features this build has.
        var current = ModelArtefacts.LoadCausalScorer(Card(CausalFeatures.Names, effect), "current");
        var old = Card([.. CausalFeatures.Names, "activity*relevance"], [.. effect, droppedWeight]);

        if (loads)
        {
            Assert.Equal(Effect(current, "trending"), Effect(ModelArtefacts.LoadCausalScorer(old, "old"), "trending"));
        }
        else
        {
            var error = Assert.Throws<InvalidDataException>(() => ModelArtefacts.LoadCausalScorer(old, "old"));
            Assert.Contains("'activity*relevance'", error.Message, StringComparison.Ordinal);
        }
    }

    // A cell's decisions, each of its own member: sends engaged two days every sendEvery-th, holds every holdEvery-th.
    private static IEnumerable<(HeldOutDecision, double)> Cell(string category, int pairs, int sendEvery, int holdEvery) =>
        Enumerable.Range(0, pairs).SelectMany(i => new[]
        {
            (new HeldOutDecision([], true, 2, i % sendEvery == 0 ? 2 : 0, category, Channel.Push, $"{category}-s{i}"), 0.0),
            (new HeldOutDecision([], false, 2, i % holdEvery == 0 ? 2 : 0, category, Channel.Push, $"{category}-h{i}"), 0.0),
        });

    [Fact]
    public void AGapEveryCellSharesIsTheirLevelAndNoneStraysOnItsOwn()
    {
        // The model is 0.5 days low everywhere: the level is reported, and no cell's noise moves it on its own.
        var cells = EffectCalibration.EffectCells(Cell("a", 5_000, 2, 4).Concat(Cell("b", 5_000, 2, 4)).Concat(Cell("few", 40, 2, 4))).ToDictionary(c => c.Category);

        Assert.Equal(0, cells["a"].Spread);
        Assert.All(cells.Values, c => Assert.Equal((0.5, 0), (c.Shared, c.Offset), new TupleComparer(1e-6)));
    }

    [Fact]
    public void CellsThatStrayBeyondTheirNoiseArePulledTowardTheirEstimatesByPrecisionAndASmallOneIsNot()
    {
        var cells = EffectCalibration.EffectCells(Cell("up", 20_000, 2, 4).Concat(Cell("down", 20_000, 4, 2)).Concat(Cell("few", 40, 2, 4))).ToDictionary(c => c.Category);

        Assert.Equal((0.5, -0.5), (cells["up"].Observed!.Value, cells["down"].Observed!.Value), new TupleComparer(1e-9));
        Assert.Equal(EffectCalibration.MaxEffectCellSpread, cells["up"].Spread, 9);
        Assert.InRange(cells["up"].Offset, 0.4, 0.5);
        Assert.InRange(cells["down"].Offset, -0.5, -0.4);
        Assert.InRange(cells["few"].Offset, -0.01, 0.01);
    }

    private sealed class TupleComparer(double tolerance) : IEqualityComparer<(double, double)>
    {
        public bool Equals((double, double) x, (double, double) y) => Math.Abs(x.Item1 - y.Item1) <= tolerance && Math.Abs(x.Item2 - y.Item2) <= tolerance;

        public int GetHashCode((double, double) obj) => 0;
    }
}
