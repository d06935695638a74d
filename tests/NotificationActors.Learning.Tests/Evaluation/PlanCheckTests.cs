using NotificationActors.Learning.Evaluation;
using NotificationActors.Learning.Tests.Support;
using NotificationActors.Learning.Training;
using NotificationActors.Policy.Actions;
using NotificationActors.Policy.Slow;
using NotificationActors.Simulation.Learning;

namespace NotificationActors.Learning.Tests.Evaluation;

/// <summary>
/// The promotion check on <see cref="SyntheticWorld"/>'s log, where the effect of a week's frequencies on engaged days
/// this week and next is known (its engagement curve plus its carry-over), so which plans earn more is known too.
/// </summary>
public sealed class PlanCheckTests
{
    private static readonly ActionGrid Grid = SyntheticWorld.Grid;

    private static readonly SlowPolicyOptions Costs = new();

    // Plans what the truth says pays for its messages.
    private static readonly FunctionModel Truth = new("truth", (m, push, email) => SyntheticWorld.Engagement(m, push, email) + SyntheticWorld.CarryOver(m, push, email));

    // Sees no effect, so never pays for a message: plans none.
    private static readonly FunctionModel NoEffect = new("none", (m, _, _) => m.EngagedDaysPerWeek);

    private static async Task<LearningRow[]> Rows(int members) =>
        (await LearningSet.ReadAsync(new ListLearningLog([.. SyntheticWorld.Log(members, weeks: 3, exploration: 0.5, seed: 8)]).ReadAsync(null, null))).Rows;

    [Fact]
    public async Task PlansOfTheTrueEffectReplacePlansOfNoMessages()
    {
        var check = PlanCheck.Compare(await Rows(8_000), Truth, NoEffect, Grid, Costs);

        Assert.True(check.Matched >= PlanCheck.MinMatched && check.ChampionMatched >= PlanCheck.MinMatched, $"{check.Matched} and {check.ChampionMatched} matched weeks");
        Assert.True(check.Improvement > 0 && check.Value > check.ChampionValue, $"{check.Value:F3} against {check.ChampionValue:F3}");
        Assert.True(check.Promoted, $"improvement {check.Improvement:F3} +- {check.StandardError:F3}");
        Assert.Equal("none", check.Champion);
    }

    [Fact]
    public async Task PlansOfNoMessagesDoNotReplacePlansOfTheTrueEffect()
    {
        var check = PlanCheck.Compare(await Rows(8_000), NoEffect, Truth, Grid, Costs);

        Assert.True(check.Improvement < 0, $"improvement {check.Improvement:F3}");
        Assert.False(check.Promoted);
    }

    [Fact]
    public async Task AModelDoesNotReplaceItselfAndTooFewWeeksKeepTheModelServing()
    {
        var itself = PlanCheck.Compare(await Rows(8_000), Truth, Truth, Grid, Costs);
        var few = PlanCheck.Compare(await Rows(300), Truth, NoEffect, Grid, Costs);

        Assert.Equal(0, itself.Improvement, 12);
        Assert.False(itself.Promoted);
        Assert.InRange(few.ChampionMatched, 1, PlanCheck.MinMatched - 1);
        Assert.False(few.Promoted);
    }

    /// <summary>
    /// Each opt-out a matched week lost is charged at the utility's price for the channel, so plans that buy engagement
    /// with opt-outs are judged by what they cost: the same plans (a model without an opt-out term plans alike under any
    /// price) are worth less with the prices than without them, by at most the dearer price.
    /// </summary>
    [Fact]
    public async Task AMatchedWeeksOptOutsAreChargedAtTheUtilitysPrice()
    {
        var rows = await Rows(8_000);
        var free = new SlowPolicyOptions { PushOptOutCost = 0, EmailOptOutCost = 0 };

        var (priced, unpriced) = (PlanCheck.Compare(rows, Truth, NoEffect, Grid, Costs), PlanCheck.Compare(rows, Truth, NoEffect, Grid, free));

        Assert.Equal(unpriced.Matched, priced.Matched);
        Assert.InRange(unpriced.Value - priced.Value, 1e-6, Costs.PushOptOutCost + Costs.EmailOptOutCost);
    }

    /// <summary>A one-term model (engaged days) from a function of the member and the week's frequencies; no opt-outs.</summary>
    private sealed class FunctionModel(string version, Func<MemberFeatures, int, int, double> days) : IRewardModel
    {
        public string Version => version;

        public IReadOnlyList<string> RewardNames { get; } = [ParametricRewardModel.EngagementTerm];

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
