using NotificationActors.Abstractions.Learning;
using NotificationActors.Learning.Artefacts;
using NotificationActors.Policy.Fast;
using NotificationActors.Policy.Slow;

namespace NotificationActors.Learning.Serving;

/// <summary>
/// The models a <see cref="LoopServing"/> names, loaded from the model store: what a silo hands its policy engine.
/// </summary>
/// <param name="Champion">The reward model the arm plans with.</param>
/// <param name="Scorer">The last promoted version's ranker; null keeps the one serving.</param>
/// <param name="Priors">The last promoted version's cold-start priors; null keeps the ones serving.</param>
/// <param name="MessageCost">The champion's message cost; null keeps the arm's configured one (the prior's).</param>
/// <param name="Challenger">The version on trial within the trust region around the champion's plans, or null.</param>
/// <param name="ChallengerMessageCost">The message cost the version on trial plans with (<see cref="LearningLoop.MessageCostOf"/>).</param>
public sealed record ServedLoop(IRewardModel Champion, ICandidateScorer? Scorer, PopulationPriors? Priors, double? MessageCost, IRewardModel? Challenger, double ChallengerMessageCost)
{
    /// <summary>The causal ranker of <see cref="LoopServing.Ranker"/>, for the ranking layer's causal arms; null keeps the one serving.</summary>
    public ICandidateScorer? Causal { get; init; }

    /// <summary>The causal ranker of <see cref="LoopServing.RankerChallenger"/>, on trial; null between trials.</summary>
    public ICandidateScorer? CausalChallenger { get; init; }

    /// <summary>
    /// Loads what <paramref name="serving"/> names from <paramref name="store"/>; the arm's own message cost prices the
    /// prior's plans, and its opt-out prices every plan a trust region is drawn around.
    /// </summary>
    /// <exception cref="InvalidDataException">The store lacks a named version or its card does not fit this build.</exception>
    public static async Task<ServedLoop> LoadAsync(LoopServing serving, IModelStore store, SlowPolicyOptions armPricing, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(serving);
        ArgumentNullException.ThrowIfNull(armPricing);
        IRewardModel champion = serving.PriorFrom is { } priorFrom
            ? ModelArtefacts.LoadPrior(await ModelArtefacts.ReadCardAsync(store, priorFrom, cancellationToken).ConfigureAwait(false))
            : new ParametricRewardModel();
        var cost = armPricing.MessageCost;
        ModelCard? last = null;
        foreach (var version in serving.Promoted)
        {
            last = await ModelArtefacts.ReadCardAsync(store, version, cancellationToken).ConfigureAwait(false);
            champion = LearningLoop.Challenger(ModelArtefacts.LoadRewardModel(last), champion, armPricing.PricedAlike(cost));
            cost = LearningLoop.MessageCostOf(last);
        }

        var tried = serving.Challenger is { } onTrial ? await ModelArtefacts.ReadCardAsync(store, onTrial, cancellationToken).ConfigureAwait(false) : null;
        var challenger = tried is null ? null : LearningLoop.Challenger(ModelArtefacts.LoadRewardModel(tried), champion, armPricing.PricedAlike(cost));
        var challengerCost = tried is null ? cost : LearningLoop.MessageCostOf(tried);
        return (last is null
            ? new ServedLoop(champion, null, null, null, challenger, challengerCost)
            : new ServedLoop(champion, ModelArtefacts.LoadScorer(last), ModelArtefacts.LoadPriors(last), cost, challenger, challengerCost)) with
        {
            Causal = await CausalAsync(store, serving.Ranker, cancellationToken).ConfigureAwait(false),
            CausalChallenger = await CausalAsync(store, serving.RankerChallenger, cancellationToken).ConfigureAwait(false),
        };
    }

    private static async Task<ICandidateScorer?> CausalAsync(IModelStore store, string? version, CancellationToken cancellationToken) =>
        version is null ? null : ModelArtefacts.LoadCausalScorer(await ModelArtefacts.ReadCardAsync(store, version, cancellationToken).ConfigureAwait(false));
}
