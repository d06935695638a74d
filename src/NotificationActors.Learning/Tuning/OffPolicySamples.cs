using NotificationActors.Learning.Evaluation;
using NotificationActors.Learning.Models;
using NotificationActors.Learning.Training;
using NotificationActors.Policy.Actions;
using NotificationActors.Policy.Slow;

namespace NotificationActors.Learning.Tuning;

/// <summary>
/// Turns logged weeks into off-policy samples for one candidate: the candidate's greedy plan for each logged
/// member-week, whether it matches the logged action (a deterministic target), the logged propensity, the
/// outcome, and the candidate's model predictions for the doubly-robust correction. Three outcomes: engaged days
/// over the week and the next (the lasting effect of the plan), whether the member opted out of anything, and the
/// utility a challenger's trial judges: those engaged days less each channel left at the candidate's opt-out price.
/// </summary>
internal static class OffPolicySamples
{
    /// <summary>The samples of each outcome, and the pushes and emails a member-week the candidate's plans send.</summary>
    public sealed record Samples(LoggedSample[] Engagement, LoggedSample[] OptOut, LoggedSample[] Utility, double MeanSends);

    public static Samples Build(IReadOnlyList<LearningRow> rows, PolicyCandidate candidate, ActionGrid grid)
    {
        var greedy = candidate.Options.PricedAlike(exploration: ExplorationMode.Greedy);
        var policy = new SlowPolicy(grid, candidate.Model, greedy);
        var workspace = policy.CreateWorkspace();
        var n = grid.Count;
        var daysTerms = LearnedRewardModel.EngagedDayTerms(candidate.Model);
        var (pushPrice, emailPrice) = (candidate.Options.PushOptOutCost, candidate.Options.EmailOptOutCost);
        var engagement = new LoggedSample[rows.Count];
        var optOuts = new LoggedSample[rows.Count];
        var utility = new LoggedSample[rows.Count];
        double sends = 0;
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            // Evaluate leaves the model's predictions for every action in the workspace.
            var chosen = policy.Evaluate(row.Features, ChannelSet.All, workspace);
            var logged = grid.IndexOf(row.Push, row.Email);
            // A logged action off the candidate's grid is one it can never take: weight 0.
            var target = logged == chosen ? 1.0 : 0.0;

            double Days(int action) => action < 0 ? 0 : daysTerms.Sum(k => workspace.PredictedRewards[(k * n) + action]);
            double AnyOptOut(int action) => action < 0 ? 0 : 1 - ((1 - workspace.PredictedOptOut[action]) * (1 - workspace.PredictedOptOut[n + action]));
            double OptOutPrice(int action) => action < 0 ? 0 : (pushPrice * workspace.PredictedOptOut[action]) + (emailPrice * workspace.PredictedOptOut[n + action]);

            var days = row.EngagedDays + row.NextWeekEngagedDays;
            var (loggedDays, chosenDays) = (Days(logged), Days(chosen));
            engagement[i] = new LoggedSample(row.Propensity, target, days, loggedDays, chosenDays);
            optOuts[i] = new LoggedSample(row.Propensity, target, row.PushOptOut || row.EmailOptOut ? 1 : 0, AnyOptOut(logged), AnyOptOut(chosen));
            var left = (row.PushOptOut ? pushPrice : 0) + (row.EmailOptOut ? emailPrice : 0);
            utility[i] = new LoggedSample(row.Propensity, target, days - left, loggedDays - OptOutPrice(logged), chosenDays - OptOutPrice(chosen));
            sends += grid.Actions[chosen].Push + grid.Actions[chosen].Email;
        }

        return new Samples(engagement, optOuts, utility, rows.Count == 0 ? 0 : sends / rows.Count);
    }
}
