using NotificationActors.Policy.Slow;
using Microsoft.Extensions.Options;
using NotificationActors.Grains.Experiments;
using NotificationActors.Grains.Members;
using NotificationActors.Grains.Policies;

namespace NotificationActors.Grains.Tests;

public sealed class ArmAssignmentTests
{
    private static PolicyEngine Engine(double baselineShare) => new(new MemberGrainOptions
    {
        Arms = [new ArmOptions { Name = "hierarchical", Share = 1 - baselineShare }, new ArmOptions { Name = "baseline", Share = baselineShare, Policy = ArmPolicy.Baseline }],
    }, new ParametricRewardModel());

    [Fact]
    public void MembersSplitByTheAllocationAndKeepTheirArm()
    {
        var engine = Engine(0.5);
        var ids = Enumerable.Range(0, 20_000).Select(i => $"member-{i}").ToArray();

        var baseline = ids.Count(id => engine.Assign(id).Name == "baseline");

        Assert.InRange(baseline / 20_000.0, 0.48, 0.52);
        Assert.All(ids.Take(100), id => Assert.Equal(engine.Assign(id).Name, Engine(0.5).Assign(id).Name));
    }

    [Fact]
    public void GrowingAnArmOnlyMovesMembersIntoIt()
    {
        var small = Engine(0.2);
        var large = Engine(0.4);

        var moved = Enumerable.Range(0, 5_000).Select(i => $"member-{i}").Where(id => small.Assign(id).Name != large.Assign(id).Name).ToList();

        Assert.InRange(moved.Count / 5_000.0, 0.17, 0.23);
        Assert.All(moved, id => Assert.Equal(("hierarchical", "baseline"), (small.Assign(id).Name, large.Assign(id).Name)));
    }

    [Theory]
    [InlineData(0.7, 0.7, "add up to 1.4")]
    [InlineData(-0.5, 1.5, "negative")]
    public void AnAllocationThatDoesNotAddUpIsRejected(double first, double second, string problem)
    {
        var options = new MemberGrainOptions { Arms = [new ArmOptions { Name = "a", Share = first }, new ArmOptions { Name = "b", Share = second }] };

        Assert.Contains(problem, options.Problem(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1.0, null, null, "Arm priced's PushOptOutCost and EmailOptOutCost")]
    [InlineData(null, double.PositiveInfinity, null, "Arm priced's PushOptOutCost and EmailOptOutCost")]
    [InlineData(null, double.NaN, null, "Arm priced's PushOptOutCost and EmailOptOutCost")]
    [InlineData(null, null, -2.0, "Arm priced's OptOutWorthWeeks")]
    public void AnArmsOptOutPricesOutOfRangeAreRefusedNamingTheArmAndSetting(double? push, double? email, double? weeks, string problem)
    {
        var options = new MemberGrainOptions { Arms = [new ArmOptions { Name = "priced", PushOptOutCost = push, EmailOptOutCost = email, OptOutWorthWeeks = weeks }] };

        Assert.StartsWith(problem, options.Problem(), StringComparison.Ordinal);
    }

    [Fact]
    public void AnOracleArmWithoutAnOracleIsRefusedNamingTheArm()
    {
        var options = new MemberGrainOptions { Arms = [new ArmOptions { Name = "truth", Policy = ArmPolicy.Oracle }] };

        var error = Assert.Throws<ArgumentException>(() => new PolicyEngine(options, new ParametricRewardModel()));

        Assert.Contains("Arm 'truth' runs the oracle policy", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AServedVersionPlansFromNowOnWithItsExplorationWhilePoliciesTakenBeforeKeepTheirs()
    {
        var engine = Engine(0.5);
        var hierarchical = engine.Arm("hierarchical")!;
        var before = engine.SlowPolicy(hierarchical, "m");

        engine.Serve(new RenamedModel("v2"), epsilon: 1);

        Assert.Equal("parametric-1", before.Model.Version);
        Assert.Equal("v2", engine.SlowPolicy(hierarchical, "m").Model.Version);
        Assert.Equal(["v2"], engine.ModelVersions);
        Assert.Equal(1, engine.SlowPolicy(hierarchical, "m").Options.Epsilon);
        Assert.Throws<ArgumentOutOfRangeException>(() => engine.Serve(new ParametricRewardModel(), epsilon: 1.5));
    }

    [Fact]
    public void AChallengerPlansForItsShareOfTheHierarchicalMembersOnlyAndEachMemberStaysOnOneSideUntilTheTrialEnds()
    {
        var engine = Engine(0.5);
        var (hierarchical, baseline) = (engine.Arm("hierarchical")!, engine.Arm("baseline")!);
        var ids = Enumerable.Range(0, 20_000).Select(i => $"member-{i}").ToArray();

        engine.Challenge(new RenamedModel("v2"), share: 0.3);

        var challenged = ids.Where(id => engine.SlowPolicy(hierarchical, id).Model.Version == "v2").ToHashSet();
        Assert.InRange(challenged.Count / 20_000.0, 0.28, 0.32);
        Assert.All(ids, id => Assert.Equal(challenged.Contains(id), PolicyEngine.ChallengerUnit("v2", id) < 0.3));
        Assert.All(ids.Take(500), id => Assert.Equal("parametric-1", engine.SlowPolicy(baseline, id).Model.Version));
        Assert.Equal(["parametric-1", "v2"], engine.ModelVersions);

        // Another version's trial splits the members afresh.
        engine.Challenge(new RenamedModel("v3"), share: 0.3);
        var overlap = ids.Count(id => challenged.Contains(id) && engine.SlowPolicy(hierarchical, id).Model.Version == "v3");
        Assert.InRange(overlap / (double)challenged.Count, 0.25, 0.35);

        engine.Challenge(new RenamedModel("v5"), share: 0.3, messageCost: 0.5);
        var onV5 = ids.First(id => PolicyEngine.ChallengerUnit("v5", id) < 0.3);
        Assert.Equal(0.5, engine.SlowPolicy(hierarchical, onV5).Options.MessageCost);
        Assert.Equal(SlowPolicyOptions.DefaultMessageCost, engine.SlowPolicy(hierarchical, ids.First(id => PolicyEngine.ChallengerUnit("v5", id) >= 0.3)).Options.MessageCost);
        Assert.Equal(SlowPolicyOptions.DefaultMessageCost, engine.SlowPolicy(baseline, onV5).Options.MessageCost);

        engine.Challenge(null);
        Assert.All(ids.Take(500), id => Assert.Equal("parametric-1", engine.SlowPolicy(hierarchical, id).Model.Version));
        Assert.Throws<ArgumentOutOfRangeException>(() => engine.Challenge(new RenamedModel("v4"), share: 1));
    }

    // The parametric model under another version name: what a retrained version looks like to the engine.
    private sealed class RenamedModel(string version) : IRewardModel
    {
        private readonly ParametricRewardModel _inner = new();

        public string Version => version;

        public IReadOnlyList<string> RewardNames => _inner.RewardNames;

        public void Predict(in MemberFeatures member, Policy.Actions.ActionGrid grid, Span<double> rewards, Span<double> optOutProbability) =>
            _inner.Predict(member, grid, rewards, optOutProbability);
    }
}
