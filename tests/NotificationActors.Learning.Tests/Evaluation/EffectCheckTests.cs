using NotificationActors.Learning.Evaluation;
using NotificationActors.Learning.Tests.Support;
using NotificationActors.Learning.Training;
using NotificationActors.Policy.Actions;
using NotificationActors.Policy.Slow;
using NotificationActors.Simulation.Learning;

namespace NotificationActors.Learning.Tests.Evaluation;

/// <summary>
/// The promotion check on <see cref="SyntheticWorld"/>'s log, where the effect of a week's frequencies on engaged days
/// this week and next is known: its engagement curve plus its carry-over.
/// </summary>
public sealed class EffectCheckTests
{
    private static readonly ActionGrid Grid = ActionGrid.Uniform(SyntheticWorld.MaxPush, SyntheticWorld.MaxEmail);

    private static readonly FunctionModel Truth = new("truth", (m, push, email) => SyntheticWorld.Engagement(m, push, email) + SyntheticWorld.CarryOver(m, push, email));

    private static readonly FunctionModel NoEffect = new("none", (m, _, _) => m.EngagedDaysPerWeek);

    private static readonly FunctionModel Backwards = new("backwards", (m, push, email) => (2 * m.EngagedDaysPerWeek) - Truth.Days(m, push, email));

    private static async Task<LearningRow[]> Rows(int members) =>
        (await LearningSet.ReadAsync(new ListLearningLog([.. SyntheticWorld.Log(members, weeks: 3, exploration: 0.5, seed: 8)]).ReadAsync(null, null))).Rows;

    [Fact]
    public async Task AModelOfTheTrueEffectReplacesOneThatPredictsNone()
    {
        var check = EffectCheck.Compare(await Rows(2_000), Truth, NoEffect, Grid);

        Assert.True(check.Rows >= EffectCheck.MinRows, $"{check.Rows} explored weeks compared");
        Assert.True(check.Improvement > 0 && check.Loss < check.ChampionLoss, $"loss {check.Loss:F3} against {check.ChampionLoss:F3}");
        Assert.True(check.Promoted, $"improvement {check.Improvement:F3} +- {check.StandardError:F3}");
        Assert.Equal("none", check.Champion);
    }

    [Fact]
    public async Task AModelWithTheEffectBackwardsDoesNotReplaceOneThatPredictsNone()
    {
        var check = EffectCheck.Compare(await Rows(2_000), Backwards, NoEffect, Grid);

        Assert.True(check.Improvement < 0, $"improvement {check.Improvement:F3}");
        Assert.False(check.Promoted);
    }

    [Fact]
    public async Task AModelDoesNotReplaceItselfAndTooFewWeeksKeepTheModelServing()
    {
        var itself = EffectCheck.Compare(await Rows(2_000), Truth, Truth, Grid);
        var few = EffectCheck.Compare(await Rows(100), Truth, NoEffect, Grid);

        Assert.Equal(0, itself.Improvement);
        Assert.False(itself.Promoted);
        Assert.InRange(few.Rows, 1, EffectCheck.MinRows - 1);
        Assert.False(few.Promoted);
    }

    /// <summary>A one-term model (engaged days) from a function of the member and the week's frequencies.</summary>
    private sealed class FunctionModel(string version, Func<MemberFeatures, int, int, double> days) : IRewardModel
    {
        public string Version => version;

        public IReadOnlyList<string> RewardNames { get; } = [ParametricRewardModel.EngagementTerm];

        public double Days(MemberFeatures member, int push, int email) => days(member, push, email);

        public void Predict(in MemberFeatures member, ActionGrid grid, Span<double> rewards, Span<double> optOutProbability)
        {
            for (var a = 0; a < grid.Count; a++)
            {
                rewards[a] = days(member, grid[a].Push, grid[a].Email);
                optOutProbability[a] = optOutProbability[grid.Count + a] = 0;
            }
        }
    }
}
