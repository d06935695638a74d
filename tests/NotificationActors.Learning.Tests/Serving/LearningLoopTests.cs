using System.Globalization;
using System.Runtime.CompilerServices;
using NotificationActors.Abstractions.Learning;
using NotificationActors.Abstractions.Members;
using NotificationActors.Grains.Policies;
using NotificationActors.Learning.Artefacts;
using NotificationActors.Learning.Models;
using NotificationActors.Learning.Serving;
using NotificationActors.Learning.Training;
using NotificationActors.Policy.Fast;
using NotificationActors.Policy.Slow;
using NotificationActors.Policy.Time;
using NotificationActors.Simulation.Learning;

namespace NotificationActors.Learning.Tests.Serving;

public sealed class LearningLoopTests : IDisposable
{
    private static readonly IsoWeek First = IsoWeek.Parse("2026-W10");
    private static readonly MemberWeekRecord[] Log = [.. SyntheticWorld.Log(members: 1000, weeks: 12, exploration: 0.5, seed: 5)];

    private readonly string _root = Directory.CreateTempSubdirectory("na-loop-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    /// <summary>
    /// The trial's two weeks are rewritten so each member's record names the version their half planned with, and the
    /// challenger's members engage <paramref name="bonus"/> days more: a challenger better (or worse) by construction.
    /// </summary>
    [Theory]
    [InlineData(2, true)]
    [InlineData(-2, false)]
    public async Task AChallengerBetterByConstructionIsPromotedAndAWorseOneRetired(int bonus, bool promoted)
    {
        var log = new TrialLog(Log);
        var store = new FolderModelStore(_root);
        var loop = Loop(log, store);

        // Before week w the log holds the weeks up to w - 2: the first trial starts once enough weeks were explored.
        var week = First.Next().Next();
        var serving = await loop.AdvanceAsync(week);
        // One closed week links no member to a next week: nothing to train on, so the built-in prior plans.
        Assert.Null(serving.PriorFrom);
        Assert.Contains("kept", serving.Summary, StringComparison.Ordinal);
        while (serving.Challenger is null)
        {
            week = week.Next();
            serving = await loop.AdvanceAsync(week);
        }

        // Until a version wins, the built-in prior plans for the champion's half, as with the loop off: nothing the
        // versions learnt, their opt-out models included, reaches every member untried.
        Assert.Empty(serving.Promoted);
        Assert.Null(serving.PriorFrom);

        var onTrial = serving.Challenger;
        var served = await ServedLoop.LoadAsync(serving, store, armPricing: new SlowPolicyOptions { MessageCost = 0.06 });
        // The challenger plans at the cost tuned for it; the prior at the arm's.
        var tuned = (await ModelArtefacts.ReadCardAsync(store, onTrial)).MessageCost!;
        Assert.Equal(tuned.Chosen, served.ChallengerMessageCost);
        Assert.Contains(tuned.Chosen, tuned.Points.Select(p => p.Cost));
        Assert.Null(served.MessageCost);
        log.Trial = (week, served.Challenger!.Version, served.Champion.Version, bonus);
        Assert.Equal(onTrial + "-near", served.Challenger.Version);

        // The population calibrates the opt-out predictions of every trained version together, apart from the built-in
        // prior's, which the champion plans with.
        var prior = new ParametricRewardModel();
        Assert.Equal((((IRewardModel)prior).OptOutLineage, LearnedRewardModel.TrainedLineage), (served.Champion.OptOutLineage, served.Challenger.OptOutLineage));
        Assert.Equal(prior.Version, ((IRewardModel)prior).OptOutLineage);
        Assert.Equal(LearnedRewardModel.TrainedLineage, new OptOutScaledModel(served.Challenger, 2, 2).OptOutLineage);

        // The trial's second week is read before week + 3: until then the same version stays on trial.
        for (var w = week.Next(); w < week.Next().Next().Next(); w = w.Next())
        {
            var during = await loop.AdvanceAsync(w);
            Assert.Equal(onTrial, during.Challenger);
            Assert.Contains("on trial", during.Summary, StringComparison.Ordinal);
        }

        var after = await loop.AdvanceAsync(week.Next().Next().Next());
        Assert.Contains(promoted ? "promoted" : "retired", after.Summary, StringComparison.Ordinal);

        Assert.Equal(promoted ? [onTrial] : [], after.Promoted);
        Assert.NotEqual(onTrial, after.Challenger);
        var loaded = await ServedLoop.LoadAsync(after, store, armPricing: new SlowPolicyOptions { MessageCost = 0.06 });
        if (promoted)
        {
            // The winner plans for everyone, within the trust region around the prior's plans, at its own tuned cost.
            Assert.Equal(onTrial + "-near", loaded.Champion.Version);
            Assert.Equal(tuned.Chosen, loaded.MessageCost);
        }
        else
        {
            Assert.DoesNotContain("-near", loaded.Champion.Version, StringComparison.Ordinal);
            Assert.Null(loaded.MessageCost);
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ACausalRankerGoesOnTrialOnlyWhenARankingArmRanksCausally(bool causalRankingArms)
    {
        var loop = Loop(new TrialLog([.. Log.Select(WithSendCoins)]), new FolderModelStore(_root), causalRankingArms);

        var servings = new List<LoopServing>();
        for (var week = First.Next().Next(); week <= IsoWeek.Parse("2026-W16"); week = week.Next()) servings.Add(await loop.AdvanceAsync(week));

        Assert.Equal(causalRankingArms, servings.Any(s => s.RankerChallenger is not null));
        Assert.Equal(causalRankingArms, servings.Any(s => s.Summary.Contains("causal ranker on trial", StringComparison.Ordinal)));
        // The slow policy's versions go on trial either way.
        Assert.Contains(servings, s => s.Challenger is not null);
    }

    /// <summary>
    /// The duel's two weeks are rewritten so each member's sends on days 0, 2 and 4 go to either ranker's pick by a
    /// coin, the challenger's engaging each of the send's two days with <paramref name="lift"/> more chance, and every
    /// record is copied into a second pacing arm: a ranker better (or worse) by construction, judged on both arms.
    /// </summary>
    [Theory]
    [InlineData(0.3, true)]
    [InlineData(-0.3, false)]
    public async Task ARankersDuelReadsEveryPacingArmsSendsAndPromotesARankerBetterByConstruction(double lift, bool promoted)
    {
        var log = new TrialLog([.. Log.Select(WithSendCoins)]);
        var loop = Loop(log, new FolderModelStore(_root));
        var week = First.Next().Next();
        var serving = await loop.AdvanceAsync(week);
        while (serving.RankerChallenger is null)
        {
            week = week.Next();
            serving = await loop.AdvanceAsync(week);
        }

        var challenger = ModelArtefacts.CausalRankerVersion(serving.RankerChallenger);
        log.Duel = (week, challenger, RelevanceScorer.RelevanceVersion, lift);
        for (var w = week.Next(); w < week.Next().Next().Next(); w = w.Next())
        {
            Assert.Equal(serving.RankerChallenger, (await loop.AdvanceAsync(w)).RankerChallenger);
        }

        var after = await loop.AdvanceAsync(week.Next().Next().Next());

        Assert.Contains($"ranker: {challenger} {(promoted ? "promoted" : "retired")}", after.Summary, StringComparison.Ordinal);
        Assert.Equal(promoted ? serving.RankerChallenger : null, after.Ranker);
        // Three units a member-week, two weeks, both arms' members: the sides' counts add up to all of them.
        var members = Log.Select(r => r.MemberId).Distinct().Count();
        var counts = System.Text.RegularExpressions.Regex.Match(after.Summary, @"; ([\d,]+) and ([\d,]+) sends where the picks differed");
        Assert.Equal(members * 3 * 2 * 2, int.Parse(counts.Groups[1].Value.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture)
            + int.Parse(counts.Groups[2].Value.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture));
    }

    // A week's record with the fast policy's daily decisions, each sent or held on a logged coin: what a causal ranker
    // is trained on.
    private static MemberWeekRecord WithSendCoins(MemberWeekRecord record, int index)
    {
        var random = new Random(index);
        var week = IsoWeek.Parse(record.Week);
        var decisions = Enumerable.Range(0, 6).Select(day =>
        {
            var p = 0.2 + (0.6 * random.NextDouble());
            var send = random.NextDouble() < p;
            var engaged = send && random.NextDouble() < 0.3;
            return SendCoinDecisions.Daily(index, week, day, p, send, engaged, engaged, "trending", record.Arm);
        });
        return record with { Decisions = [.. decisions], EngagedDayMask = record.EngagedDayMask ?? ((1 << Math.Clamp(record.EngagedDays, 0, 7)) - 1) };
    }

    [Fact]
    public async Task AServingThatNamesAVersionTheStoreLacksIsRefusedNamingIt()
    {
        var store = new FolderModelStore(_root);
        var serving = new LoopServing { Week = "2026-W20", Promoted = ["v-missing"], Summary = "" };

        var refused = await Assert.ThrowsAsync<InvalidDataException>(() => ServedLoop.LoadAsync(serving, store, new SlowPolicyOptions { MessageCost = 0.06 }));

        Assert.Contains("v-missing", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(9)]
    public void ATrialOfFewerThanTwoOrMoreThanEightWeeksIsRefusedNamingTheSetting(int weeks)
    {
        var options = new LearningLoopOptions { Arm = "hierarchical", VersionName = week => $"v-{week}", TrialWeeks = weeks };

        var refused = Assert.Throws<ArgumentOutOfRangeException>(options.Validate);

        Assert.Equal(nameof(LearningLoopOptions.TrialWeeks), refused.ParamName);
    }

    [Fact]
    public async Task TwoLoopsOnTheSameLogServeTheSameWeekByWeek()
    {
        var (a, b) = (Loop(new TrialLog(Log), new FolderModelStore(Path.Combine(_root, "a"))), Loop(new TrialLog(Log), new FolderModelStore(Path.Combine(_root, "b"))));
        for (var week = First.Next().Next(); week <= IsoWeek.Parse("2026-W16"); week = week.Next())
        {
            var (x, y) = (await a.AdvanceAsync(week), await b.AdvanceAsync(week));
            Assert.Equal((x.Week, x.PriorFrom, x.Challenger, x.Summary), (y.Week, y.PriorFrom, y.Challenger, y.Summary));
            Assert.Equal(x.Promoted, y.Promoted);
        }
    }

    [Fact]
    public async Task AVersionsMessageCostIsTunedAtTheArmsOptOutPrices()
    {
        // The same log and weeks under an arm that prices a lost channel far higher: every candidate cost's plans send
        // no more, and some fewer, because the tuning charges the opt-outs they risk as the arm does.
        var dear = new SlowPolicyOptions { PushOptOutCost = 80, EmailOptOutCost = 80 };
        var (usual, priced) = (Loop(new TrialLog(Log), new FolderModelStore(Path.Combine(_root, "usual"))), Loop(new TrialLog(Log), new FolderModelStore(Path.Combine(_root, "priced")), pricing: dear));
        var week = First.Next().Next();
        var (a, b) = (await usual.AdvanceAsync(week), await priced.AdvanceAsync(week));
        while (a.Challenger is null)
        {
            week = week.Next();
            (a, b) = (await usual.AdvanceAsync(week), await priced.AdvanceAsync(week));
        }

        var usualPoints = (await ModelArtefacts.ReadCardAsync(new FolderModelStore(Path.Combine(_root, "usual")), a.Challenger)).MessageCost!.Points;
        var pricedPoints = (await ModelArtefacts.ReadCardAsync(new FolderModelStore(Path.Combine(_root, "priced")), b.Challenger!)).MessageCost!.Points;

        Assert.Equal(usualPoints.Select(p => p.Cost), pricedPoints.Select(p => p.Cost));
        Assert.All(usualPoints.Zip(pricedPoints), pair => Assert.True(pair.Second.MeanSends <= pair.First.MeanSends + 1e-9, $"cost {pair.First.Cost}: {pair.Second.MeanSends} sends priced against {pair.First.MeanSends}"));
        Assert.Contains(usualPoints.Zip(pricedPoints), pair => pair.Second.MeanSends < pair.First.MeanSends - 0.05);
    }

    private static LearningLoop Loop(ILearningLog log, IModelStore store, bool causalRankingArms = true, SlowPolicyOptions? pricing = null) => new(
        new LearningLoopOptions
        {
            Arm = "hierarchical",
            ArmPricing = pricing ?? new SlowPolicyOptions(),
            CausalRankingArms = causalRankingArms,
            VersionName = week => $"v-{week}",
            Training = new RewardTrainingOptions { Threads = 1, MinOptOuts = 1 },
        },
        log,
        store,
        First);

    // The synthetic log, with a trial's two weeks rewritten as the loop's split would have planned them.
    private sealed class TrialLog(IReadOnlyList<MemberWeekRecord> records) : ILearningLog
    {
        public (IsoWeek First, string Challenger, string Champion, int Bonus)? Trial { get; set; }

        public (IsoWeek First, string Challenger, string Champion, double Lift)? Duel { get; set; }

        public Task AppendAsync(MemberWeekRecord record, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<int> ForgetMemberAsync(string memberId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public async IAsyncEnumerable<MemberWeekRecord> ReadAsync(string? fromWeek = null, string? toWeek = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            foreach (var record in records)
            {
                if ((fromWeek is not null && string.CompareOrdinal(record.Week, fromWeek) < 0) || (toWeek is not null && string.CompareOrdinal(record.Week, toWeek) > 0)) continue;
                if (Duel is { } duel && (duel.First.Is(record.Week) || duel.First.Next().Is(record.Week)))
                {
                    yield return Dueled(record, duel, record.MemberId);
                    yield return Dueled(record, duel, record.MemberId + "-fixed") with { Arm = "fixed" };
                    continue;
                }

                yield return Trial is { } trial && (trial.First.Is(record.Week) || trial.First.Next().Is(record.Week)) ? OnTrial(record, trial) : record;
            }

            await Task.CompletedTask;
        }

        private static MemberWeekRecord Dueled(MemberWeekRecord record, (IsoWeek First, string Challenger, string Champion, double Lift) duel, string member)
        {
            // Seeded from the member and week's characters: string hash codes differ from run to run.
            var random = new Random((member + record.Week).Aggregate(17, (hash, c) => unchecked((hash * 31) + c)));
            var week = IsoWeek.Parse(record.Week);
            var level = record.EngagedDays / 7.0;
            var (mask, decisions) = (0, new List<DecisionRecord>());
            foreach (var day in (int[])[0, 2, 4])
            {
                var onChallenger = random.NextDouble() < 0.5;
                for (var d = day; d < day + 2; d++)
                {
                    if (random.NextDouble() < level + (onChallenger ? duel.Lift : 0)) mask |= 1 << d;
                }

                decisions.Add(SendCoinDecisions.Daily(0, week, day, 0.5, send: true, engaged: false, played: false, "trending") with
                {
                    RankingArm = "causal",
                    RankerVersion = onChallenger ? duel.Challenger : duel.Champion,
                    RankerDuel = true,
                });
            }

            // No opt-outs: the duel's opt-out guard has tests of its own (RankerDuelTrialTests).
            return record with { MemberId = member, Decisions = decisions, EngagedDayMask = mask, EngagedDays = System.Numerics.BitOperations.PopCount((uint)mask), OptedOut = [] };
        }

        private static MemberWeekRecord OnTrial(MemberWeekRecord record, (IsoWeek First, string Challenger, string Champion, int Bonus) trial)
        {
            var challenger = PolicyEngine.ChallengerUnit(trial.Challenger, record.MemberId) < 0.5;
            return record with
            {
                ModelVersion = challenger ? trial.Challenger : trial.Champion,
                EngagedDays = challenger ? Math.Clamp(record.EngagedDays + trial.Bonus, 0, 7) : record.EngagedDays,
            };
        }
    }
}
