using NotificationActors.Grains.Members;
using NotificationActors.Grains.Policies;
using NotificationActors.Policy.Slow;

namespace NotificationActors.Grains.Tests;

public class ExplorationOptionsTests
{
    [Fact]
    public void TheHierarchicalArmExploresWithTheConfiguredRadiiAndUniformBox()
    {
        var options = new MemberGrainOptions { ExplorationRadius = 3, ExplorationEmailRadius = 2, UniformExplorationMaxPush = 5, UniformExplorationMaxEmail = 1 };
        var engine = new PolicyEngine(options, new ParametricRewardModel());

        var slow = engine.SlowPolicy(engine.Assign("member-1"), "member-1").Options;

        Assert.Equal((3, 2, 5, 1), (slow.LocalPushRadius, slow.LocalEmailRadius, slow.UniformExplorationMaxPush, slow.UniformExplorationMaxEmail));
    }

    [Fact]
    public void ByDefaultEmailExploresOneLevelAndUniformWeeksKeepToSevenPushesAndThreeEmails()
    {
        var engine = new PolicyEngine(new MemberGrainOptions(), new ParametricRewardModel());

        var slow = engine.SlowPolicy(engine.Assign("member-1"), "member-1").Options;

        Assert.Equal((2, 1, 7, 3), (slow.LocalPushRadius, slow.LocalEmailRadius, slow.UniformExplorationMaxPush, slow.UniformExplorationMaxEmail));
    }

    [Theory]
    [InlineData(nameof(MemberGrainOptions.ExplorationRadius), 0)]
    [InlineData(nameof(MemberGrainOptions.ExplorationEmailRadius), 0)]
    [InlineData(nameof(MemberGrainOptions.UniformExplorationMaxPush), -1)]
    [InlineData(nameof(MemberGrainOptions.UniformExplorationMaxEmail), -1)]
    public void AnExplorationSettingOutOfRangeIsRefusedByName(string setting, int value)
    {
        var options = new MemberGrainOptions();
        typeof(MemberGrainOptions).GetProperty(setting)!.SetValue(options, value);

        Assert.StartsWith(setting + " must", options.Problem(), StringComparison.Ordinal);
    }
}
