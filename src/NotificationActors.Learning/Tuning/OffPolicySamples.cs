using NotificationActors.Learning.Evaluation;
using NotificationActors.Learning.Models;
using NotificationActors.Learning.Training;
using NotificationActors.Policy.Actions;
using NotificationActors.Policy.Slow;

namespace NotificationActors.Learning.Tuning;

/// <summary>
/// Turns logged weeks into off-policy samples for one candidate: the candidate's greedy plan for each logged
/// member-week, whether it matches the logged action (a deterministic target), the logged propensity, the
/// outcome, and the candidate's model predictions for the doubly-robust correction. Two outcomes: engaged days
/// over the week and the next (the lasting effect of the plan), and whether the member opted out of anything.
/// </summary>
internal static class OffPolicySamples
{
    public static (LoggedSample[] Engagement, LoggedSample[] OptOut) Build(IReadOnlyList<LearningRow> rows, PolicyCandidate candidate, ActionGrid grid)
    {
        var greedy = new SlowPolicyOptions
        {
            MessageCost = candidate.Options.MessageCost,
            PushOptOutCost = candidate.Options.PushOptOutCost,
            EmailOptOutCost = candidate.Options.EmailOptOutCost,
            RewardWeights = candidate.Options.RewardWeights,
            Exploration = ExplorationMode.Greedy,
        };
        var policy = new SlowPolicy(grid, candidate.Model, greedy);
        var workspace = policy.CreateWorkspace();
        var n = grid.Count;
        var daysTerms = LearnedRewardModel.EngagedDayTerms(candidate.Model);
        var engagement = new LoggedSample[rows.Count];
        var optOuts = new LoggedSample[rows.Count];
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

            engagement[i] = new LoggedSample(row.Propensity, target, row.EngagedDays + row.NextWeekEngagedDays, Days(logged), Days(chosen));
            optOuts[i] = new LoggedSample(row.Propensity, target, row.PushOptOut || row.EmailOptOut ? 1 : 0, AnyOptOut(logged), AnyOptOut(chosen));
        }

        return (engagement, optOuts);
    }
}
