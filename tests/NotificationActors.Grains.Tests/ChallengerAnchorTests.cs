using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NotificationActors.Grains.Calibration;
using NotificationActors.Grains.Experiments;
using NotificationActors.Grains.Members;
using NotificationActors.Grains.Policies;
using NotificationActors.Grains.Telemetry;
using NotificationActors.Policy.Actions;
using NotificationActors.Policy.Slow;
using NotificationActors.Simulation.Learning;

namespace NotificationActors.Grains.Tests;

/// <summary>
/// A challenger's trust region is drawn around the plan the champion's own members get: for the member's open channels
/// and at the champion's opt-out scale. Drawn around the champion's plan with every channel open and its opt-outs
/// unscaled, a challenger identical to its champion planned differently for members with a channel closed or a
/// population opting out unlike the model, and lost 0.03 engaged days a member over a two-week trial in the simulator.
/// </summary>
public sealed class ChallengerAnchorTests
{
    private static readonly ChannelSet[] ChannelSets = [ChannelSet.All, ChannelSet.Push | ChannelSet.InApp, ChannelSet.Email | ChannelSet.InApp, ChannelSet.InApp];

    private static readonly IRewardModel Prior = new ParametricRewardModel();

    public static TheoryData<int> Seeds => [.. Enumerable.Range(0, 300)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void AChallengerThatIsItsChampionUnderAnotherNamePlansWhatTheChampionPlans(int seed)
    {
        var random = new Random(seed);
        var (engine, arm, onChallenger, onChampion) = Trial(new Renamed(Prior, "v2", Prior.OptOutLineage));
        var member = SyntheticWorld.Member(random);
        var optedIn = ChannelSets[random.Next(ChannelSets.Length)];
        var scale = new OptOutScale(0.2 + (random.NextDouble() * 4), 0.2 + (random.NextDouble() * 4));

        Assert.Equal([Prior.OptOutLineage], engine.OptOutLineages(arm, onChallenger));
        var challenger = engine.SlowPolicy(arm, onChallenger, scale, scale);
        var champion = engine.SlowPolicy(arm, onChampion, scale, scale);

        Assert.Equal("v2-near", challenger.Model.Version);
        Assert.Equal(champion.Evaluate(member, optedIn, champion.CreateWorkspace()), challenger.Evaluate(member, optedIn, challenger.CreateWorkspace()));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void AChallengerOfAnotherLineageIsAnchoredToTheChampionAtTheChampionsOwnScale(int seed)
    {
        // The candidate predicts half the prior's opt-outs and its lineage's calibration has doubled them back, so its
        // utilities are the champion's; the champion's lineage has a scale of its own, which the region must use.
        var random = new Random(seed);
        var (engine, arm, onChallenger, onChampion) = Trial(new Renamed(new OptOutScaledModel(Prior, 0.5, 0.5), "v2", "trained"));
        var member = SyntheticWorld.Member(random);
        var optedIn = ChannelSets[random.Next(ChannelSets.Length)];
        var championScale = new OptOutScale(0.2 + (random.NextDouble() * 4), 0.2 + (random.NextDouble() * 4));

        Assert.Equal(["trained", Prior.OptOutLineage], engine.OptOutLineages(arm, onChallenger));
        var challenger = engine.SlowPolicy(arm, onChallenger, new OptOutScale(2 * championScale.Push, 2 * championScale.Email), championScale);
        var champion = engine.SlowPolicy(arm, onChampion, championScale, championScale);

        Assert.Equal(champion.Evaluate(member, optedIn, champion.CreateWorkspace()), challenger.Evaluate(member, optedIn, challenger.CreateWorkspace()));
    }

    public static TheoryData<int> CutSeeds => [.. Enumerable.Range(0, 100)];

    [Theory]
    [MemberData(nameof(CutSeeds))]
    public void AChallengersBudgetsCutWithinTheWeekAreTheChampionsWhenItsRegionIsDrawnAtTheChampionsOwnScale(int seed)
    {
        // The construction above, in two member models alike but for their side of the trial; then both lineages' scales
        // double within the week. Priced at the challenger's raised scale, the champion's plan the cut's region is drawn
        // around is not the one the champion's side is cut to.
        var random = new Random(seed);
        var (engine, arm, onChallenger, onChampion) = Trial(new Renamed(new OptOutScaledModel(Prior, 0.5, 0.5), "v2", "trained"));
        var features = new Dictionary<string, double> { ["engagedDaysPerWeek"] = 0.5 + (6 * random.NextDouble()), ["tenureWeeks"] = random.Next(1, 200) };
        var championScale = new OptOutScale(0.2 + random.NextDouble(), 0.2 + random.NextDouble());
        var (risen, challengerRisen) = (Times(championScale, 2), Times(championScale, 4));

        var champion = Member(engine, onChampion, features);
        champion.State.Plan = champion.MakePlan(champion.CurrentWeek(Monday), Monday, arm, engine.SlowPolicy(arm, onChampion, championScale, championScale), championScale);
        var challenger = Member(engine, onChallenger, features);
        challenger.AnchorScale = championScale;
        challenger.State.Plan = challenger.MakePlan(challenger.CurrentWeek(Monday), Monday, arm, engine.SlowPolicy(arm, onChallenger, Times(championScale, 2), championScale), Times(championScale, 2));
        Assert.Equal(Budgets(champion), Budgets(challenger));

        challenger.AnchorScale = risen;
        Assert.True(champion.Recalibrate(risen, risen, Monday.AddHours(1)));
        Assert.True(challenger.Recalibrate(challengerRisen, challengerRisen, Monday.AddHours(1)));

        Assert.Equal(Budgets(champion), Budgets(challenger));
    }

    [Fact]
    public void BothSidesOfATrialMarkAWeekAsPlannedDifferentlyExactlyWhenTheirPlansDiffer()
    {
        // Two members alike but for their side, each planned with the other side's policy beside its own: whichever side
        // a member is on, the mark is the same, and it says whether the two sides' plans differ. The challenger predicts
        // fewer opt-outs than the prior and moves some members' plans, not all.
        var (engine, arm, onChallenger, onChampion) = Trial(new Renamed(new OptOutScaledModel(Prior, 0.3, 0.3), "v2", Prior.OptOutLineage));
        var marks = Enumerable.Range(0, 200).Select(seed =>
        {
            var random = new Random(seed);
            var features = new Dictionary<string, double> { ["engagedDaysPerWeek"] = 0.5 + (6 * random.NextDouble()), ["tenureWeeks"] = random.Next(1, 200) };
            var champion = Planned(engine, arm, onChampion, features);
            var challenger = Planned(engine, arm, onChallenger, features);

            Assert.Equal(champion.State.Plan!.TrialPlansDiffer, challenger.State.Plan!.TrialPlansDiffer);
            Assert.Equal(Budgets(champion) != Budgets(challenger), champion.State.Plan.TrialPlansDiffer);
            return champion.State.Plan.TrialPlansDiffer!.Value;
        }).ToList();

        Assert.Contains(true, marks);
        Assert.Contains(false, marks);
    }

    [Fact]
    public void AChallengerThatIsItsChampionUnderAnotherNameMarksEveryWeekAlikeExploredWeeksIncluded()
    {
        // Half the weeks explored: the other side's plan is drawn with the member's own draws, so it matches theirs.
        var options = new MemberGrainOptions { Arms = TrialOptions.Arms, Epsilon = 0.5 };
        var (engine, arm, _, _) = Trial(new Renamed(Prior, "v2", Prior.OptOutLineage), options);
        var plans = Enumerable.Range(0, 200)
            .Select(i => Planned(engine, arm, $"explored-{i}", new Dictionary<string, double> { ["engagedDaysPerWeek"] = 0.5 + (6 * new Random(i).NextDouble()) }, options).State.Plan!)
            .ToList();

        Assert.All(plans, plan => Assert.False(plan.TrialPlansDiffer));
        Assert.Contains(plans, plan => plan.Explored);
        Assert.Equal(2, plans.Select(plan => plan.ModelVersion).Distinct().Count());
    }

    [Fact]
    public void NoMarkWithoutATrialOrOffTheHierarchicalArms()
    {
        var engine = new PolicyEngine(TrialOptions, Prior);
        var arm = engine.Arm("hierarchical")!;

        Assert.Null(engine.TrialCounterpart(arm, "member-0"));
        engine.Challenge(new TrustRegionModel(Prior, Prior, ActionGrid.Default, new SlowPolicyOptions(), SlowPolicyOptions.DefaultLocalPushRadius, margin: 0.05));
        Assert.NotNull(engine.TrialCounterpart(arm, "member-0"));
        Assert.Null(engine.TrialCounterpart(new ArmOptions { Name = "fixed", Policy = ArmPolicy.Fixed }, "member-0"));
        Assert.Null(Planned(engine, arm, "member-0", new Dictionary<string, double>(), counterpart: false).State.Plan!.TrialPlansDiffer);
    }

    [Fact]
    public void ARegionAroundTheChampionsUnscaledPlanWouldMoveManyOfThoseMembers()
    {
        // What the first test guards against: the same members, channels and scales, the region drawn around the plan
        // the champion makes with its opt-outs unscaled.
        var moved = Enumerable.Range(0, 300).Count(seed =>
        {
            var random = new Random(seed);
            var member = SyntheticWorld.Member(random);
            var optedIn = ChannelSets[random.Next(ChannelSets.Length)];
            var scale = new OptOutScale(0.2 + (random.NextDouble() * 4), 0.2 + (random.NextDouble() * 4));
            var unscaledRegion = new TrustRegionModel(new Renamed(Prior, "v2", Prior.OptOutLineage), Prior, ActionGrid.Default, new SlowPolicyOptions(), SlowPolicyOptions.DefaultLocalPushRadius, margin: 0.05);
            var challenger = new SlowPolicy(ActionGrid.Default, new OptOutScaledModel(unscaledRegion, scale.Push, scale.Email), new SlowPolicyOptions());
            var champion = new SlowPolicy(ActionGrid.Default, new OptOutScaledModel(Prior, scale.Push, scale.Email), new SlowPolicyOptions());
            return challenger.Evaluate(member, optedIn, challenger.CreateWorkspace()) != champion.Evaluate(member, optedIn, champion.CreateWorkspace());
        });

        Assert.True(moved > 50, $"only {moved} of 300 members would have been moved");
    }

    // One arm; no exploration, so two members alike plan alike.
    private static readonly MemberGrainOptions TrialOptions = new() { Arms = [new ArmOptions { Name = "hierarchical", Share = 1 }], Epsilon = 0 };

    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private static OptOutScale Times(OptOutScale scale, double factor) => new(scale.Push * factor, scale.Email * factor);

    private static (int? Push, int? Email, int? InApp) Budgets(MemberModel member)
    {
        var plan = member.PlanView();
        return (plan.Push, plan.Email, plan.InApp);
    }

    // A member model whose week is planned as the grain plans it, with the other side of the trial (if one runs) beside its own.
    private static MemberModel Planned(PolicyEngine engine, ArmOptions arm, string memberId, IReadOnlyDictionary<string, double> features, MemberGrainOptions? options = null, bool counterpart = true)
    {
        var member = Member(engine, memberId, features, options);
        var other = counterpart ? engine.TrialCounterpart(arm, memberId) : null;
        member.State.Plan = member.MakePlan(member.CurrentWeek(Monday), Monday, arm, engine.SlowPolicy(arm, memberId), OptOutScale.None,
            other is null ? null : engine.Scaled(arm, other, OptOutScale.None, OptOutScale.None));
        return member;
    }

    // A member model on the engine, its week open at Monday.
    private static MemberModel Member(PolicyEngine engine, string memberId, IReadOnlyDictionary<string, double> features, MemberGrainOptions? options = null)
    {
        var meters = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();
        var member = new MemberModel(memberId, new MemberState(), engine, options ?? TrialOptions, new MemberClock(new FakeTimeProvider(Monday)), new MemberTelemetry(meters, engine), NullLogger.Instance);
        member.SetFeatures(features);
        member.OpenWeek(member.CurrentWeek(Monday));
        return member;
    }

    // A hierarchical arm whose prior serves with the challenger on trial for half its members, and a member on each side.
    private static (PolicyEngine Engine, ArmOptions Arm, string OnChallenger, string OnChampion) Trial(IRewardModel candidate, MemberGrainOptions? options = null)
    {
        var engine = new PolicyEngine(options ?? TrialOptions, Prior);
        var challenger = new TrustRegionModel(candidate, Prior, ActionGrid.Default, new SlowPolicyOptions(), SlowPolicyOptions.DefaultLocalPushRadius, margin: 0.05);
        engine.Challenge(challenger);
        var ids = Enumerable.Range(0, 100).Select(i => $"member-{i}").ToArray();
        return (engine, engine.Arm("hierarchical")!, ids.First(id => PolicyEngine.ChallengerUnit(challenger.Version, id) < 0.5), ids.First(id => PolicyEngine.ChallengerUnit(challenger.Version, id) >= 0.5));
    }

    // A model under another version name and opt-out lineage: what a retrained version looks like to the engine.
    private sealed class Renamed(IRewardModel inner, string version, string lineage) : IRewardModel
    {
        public string Version => version;

        public string OptOutLineage => lineage;

        public IReadOnlyList<string> RewardNames => inner.RewardNames;

        public void Predict(in MemberFeatures member, ActionGrid grid, Span<double> rewards, Span<double> optOutProbability) =>
            inner.Predict(member, grid, rewards, optOutProbability);
    }
}
