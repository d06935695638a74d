using NotificationActors.Policy.Actions;
using NotificationActors.Policy.Slow;

namespace NotificationActors.Learning.Models;

/// <summary>
/// The prior as served once a trained version exists: the parametric engagement and plays curves (with hazards
/// calibrated from the population), and the version's learned per-channel opt-out models in place of the prior's own.
/// Opt-outs are learned from every planned week, not only explored ones, so they are trustworthy well before the
/// reward models can beat the prior; this is how members' opt-outs price messages before a version is promoted.
/// </summary>
internal sealed class PriorWithLearnedOptOut(ParametricRewardModel prior, LearnedRewardModel learned) : IRewardModel
{
    public string Version { get; } = $"{prior.Version}+opt-out-{learned.Version}";

    /// <summary>The learned version's: its opt-out predictions are the learned models'.</summary>
    public string OptOutLineage => learned.OptOutLineage;

    public bool PredictsPriorRewards => prior.PredictsPriorRewards;

    public IReadOnlyList<string> RewardNames => prior.RewardNames;

    public void Predict(in MemberFeatures member, ActionGrid grid, Span<double> rewards, Span<double> optOutProbability)
    {
        prior.Predict(member, grid, rewards, optOutProbability);
        learned.PredictOptOut(member, grid, optOutProbability);
    }
}
