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
}
