using System.Text.Json;
using NotificationActors.Abstractions.Learning;
using NotificationActors.Learning.Models;
using NotificationActors.Learning.Training;
using NotificationActors.Policy.Actions;
using NotificationActors.Policy.Fast;
using NotificationActors.Policy.Slow;

namespace NotificationActors.Learning.Artefacts;

/// <summary>
/// What a silo serves from a model version: its card (the served models are the card's weights, so nothing of
/// ML.NET runs per call), read from a model store or an exported folder.
/// </summary>
public static class ModelArtefacts
{
    /// <summary>The card's file name inside a version's folder.</summary>
    public const string CardFile = "card.json";

    // The last cohort's upper bound is infinite and an empty tenure bucket's plan is NaN: written as "Infinity" and "NaN".
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Reads the card of version <paramref name="version"/> from <paramref name="store"/>.</summary>
    /// <exception cref="InvalidDataException">The store does not hold the version, or its card is unreadable.</exception>
    public static async Task<ModelCard> ReadCardAsync(IModelStore store, string version, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var files = await store.LoadAsync(version, cancellationToken).ConfigureAwait(false);
        if (files is null)
        {
            var held = await store.ListAsync(cancellationToken).ConfigureAwait(false);
            throw new InvalidDataException(
                $"There is no model version {version} in the store (it holds {(held.Count == 0 ? "none" : string.Join(", ", held))}); make one with the train verb.");
        }

        return files.TryGetValue(CardFile, out var card)
            ? ParseCard(card, $"model version {version}")
            : throw new InvalidDataException($"Model version {version} has no {CardFile}.");
    }

    /// <summary>Reads the card of an exported version folder.</summary>
    /// <exception cref="InvalidDataException">The folder holds no readable card.</exception>
    public static ModelCard ReadCard(string versionFolder)
    {
        var path = Path.Combine(versionFolder, CardFile);
        return File.Exists(path)
            ? ParseCard(File.ReadAllBytes(path), path)
            : throw new InvalidDataException($"{versionFolder} is not a model version: it has no {CardFile}.");
    }

    private static ModelCard ParseCard(byte[] json, string where)
    {
        try
        {
            return JsonSerializer.Deserialize<ModelCard>(json, Json) ?? throw new InvalidDataException($"The card of {where} holds JSON null.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"The card of {where} is not a model card: {e.Message}", e);
        }
    }

    /// <summary>The cold-start priors a version serves (the built-in defaults when it has none).</summary>
    public static PopulationPriors LoadPriors(string versionFolder) => LoadPriors(ReadCard(versionFolder));

    /// <inheritdoc cref="LoadPriors(string)"/>
    public static PopulationPriors LoadPriors(ModelCard card) =>
        card.ColdStart is { Priors.Count: > 0 } coldStart ? new PopulationPriors { Cohorts = coldStart.Priors } : PopulationPriors.Default;

    /// <summary>The fast policy's ranker a version serves, or null when the version has none.</summary>
    /// <exception cref="InvalidDataException">The card's ranker has the wrong shape for this build.</exception>
    public static ICandidateScorer? LoadScorer(string versionFolder) => LoadScorer(ReadCard(versionFolder));

    /// <inheritdoc cref="LoadScorer(string)"/>
    public static ICandidateScorer? LoadScorer(ModelCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        if (card.Bandit is not { } bandit)
        {
            return null;
        }

        try
        {
            return new LinUcbScorer(bandit.Theta, bandit.InverseGram, bandit.Alpha,
                bandit.Calibration.Select(c => (c.Category, Enum.Parse<Channel>(c.Channel, ignoreCase: true), c.Factor)), card.Version);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"Model version {card.Version}: its ranker does not fit this build: {e.Message}", e);
        }
    }

    /// <summary>The causal ranker a version serves the ranking layer's causal arms, or null when the version has none.</summary>
    /// <exception cref="InvalidDataException">The card's causal ranker has the wrong shape for this build.</exception>
    public static ICandidateScorer? LoadCausalScorer(ModelCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        return card.CausalRanker is { } causal ? LoadCausalScorer(causal, card.Version) : null;
    }

    /// <summary>What the decisions a version's causal ranker ranks record as its ranker version.</summary>
    public static string CausalRankerVersion(string version) => version + "-causal";

    /// <summary>The causal ranker of version <paramref name="version"/> from its card, calibration offsets applied.</summary>
    /// <exception cref="InvalidDataException">The card has the wrong shape for this build.</exception>
    public static ICandidateScorer LoadCausalScorer(CausalRankerCard causal, string version)
    {
        ArgumentNullException.ThrowIfNull(causal);
        try
        {
            return new CausalScorer(ByName(causal),
                causal.Calibration.Select(c => (c.Category, Enum.Parse<Channel>(c.Channel, ignoreCase: true), c.Offset)), CausalRankerVersion(version));
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"Model version {version}: its causal ranker does not fit this build: {e.Message}", e);
        }
    }

    // The effect weights in this build's feature order, by name: features added since the card was written weigh 0, and
    // a feature since dropped may be named only with weight 0 (cards before 2026-12-06 carry the activity-times-bandit
    // block, which only the fits before the one-direction effect weighed).
    private static double[] ByName(CausalRankerCard causal)
    {
        if (causal.Features.Count != causal.Effect.Count)
        {
            throw new ArgumentException($"{causal.Features.Count} feature names for {causal.Effect.Count} effect weights.");
        }

        var effect = new double[CausalFeatures.Length];
        for (var i = 0; i < causal.Features.Count; i++)
        {
            var at = CausalFeatures.Index(causal.Features[i]);
            if (at >= 0) effect[at] = causal.Effect[i];
            else if (causal.Effect[i] != 0) throw new ArgumentException($"this build has no causal feature '{causal.Features[i]}' (weight {causal.Effect[i]}).");
        }

        return effect;
    }

    /// <summary>
    /// The prior as a version serves it: the parametric curves with opt-out hazards calibrated from the version's data,
    /// and the version's learned opt-out models. What a pinned version that was not promoted serves (<see cref="LoadServed"/>),
    /// and a learning loop's champion in servings written before its champion became the unpriced prior
    /// (<see cref="Serving.ServedLoop"/>, <c>LoopServing.PriorFrom</c>).
    /// </summary>
    /// <exception cref="InvalidDataException">The card lacks an opt-out model or one has the wrong number of weights.</exception>
    public static IRewardModel LoadPrior(ModelCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        var calibrated = new ParametricRewardModel(OptOutCalibration.Apply(card.OptOutCalibration));
        return new PriorWithLearnedOptOut(calibrated, (LearnedRewardModel)LoadRewardModel(card));
    }

    /// <summary>
    /// What a silo serves from a version: its learned reward models, unless the version was checked against the model
    /// serving and not promoted, when its opt-out models and calibration still reach plans through <see cref="LoadPrior"/>.
    /// </summary>
    public static IRewardModel LoadServed(ModelCard card) =>
        card.Promotion is { Promoted: false } ? LoadPrior(card) : LoadRewardModel(card);

    /// <summary>The reward model a version serves to the slow policy, built from its card's weights.</summary>
    /// <exception cref="InvalidDataException">The card lacks a model or a model has the wrong number of weights.</exception>
    public static IRewardModel LoadRewardModel(string versionFolder) => LoadRewardModel(ReadCard(versionFolder));

    /// <inheritdoc cref="LoadRewardModel(string)"/>
    public static IRewardModel LoadRewardModel(ModelCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        var hasInAppBases = card.RewardBases.SequenceEqual(RewardBasis.RewardBases);
        if (!hasInAppBases && !card.RewardBases.SequenceEqual(RewardBasis.PushEmailBases.ToArray()))
        {
            throw new InvalidDataException(
                $"Model version {card.Version} has reward bases [{string.Join(", ", card.RewardBases)}]; this build reads [{string.Join(", ", RewardBasis.RewardBases)}] or, from before in-app caps were learned, the first {RewardBasis.InAppBasis} of them.");
        }

        return new LearnedRewardModel(
            card.Version,
            RewardHead(RewardModelTrainer.EngagementHead),
            RewardHead(RewardModelTrainer.NextWeekEngagementHead),
            LoadHead(card, RewardModelTrainer.PushOptOutHead, RewardBasis.OptOutLength),
            LoadHead(card, RewardModelTrainer.EmailOptOutHead, RewardBasis.OptOutLength),
            hasInAppBases && RewardModelTrainer.LearnsInApp(card.Heads[RewardModelTrainer.EngagementHead]));

        // An older version's heads end where the in-app bases begin (they come last); it serves with them at 0.
        LinearHead RewardHead(string name)
        {
            if (hasInAppBases) return LoadHead(card, name, RewardBasis.RewardLength);
            var head = LoadHead(card, name, RewardBasis.PushEmailRewardLength);
            var weights = new float[RewardBasis.RewardLength];
            head.Weights.CopyTo(weights);
            return head with { Weights = weights };
        }
    }

    /// <summary>The card's head <paramref name="name"/> as planning scores with it.</summary>
    /// <exception cref="InvalidDataException">The card lacks the head or it has other than <paramref name="length"/> weights.</exception>
    internal static LinearHead LoadHead(ModelCard card, string name, int length)
    {
        if (!card.Heads.TryGetValue(name, out var head))
        {
            throw new InvalidDataException($"Model version {card.Version} has no '{name}' model.");
        }

        if (head.Weights.Count != length)
        {
            throw new InvalidDataException($"Model version {card.Version}: '{name}' has {head.Weights.Count} weights; this build expects {length}.");
        }

        return new LinearHead([.. head.Weights], head.Bias, head.PlattSlope ?? 0, head.PlattOffset ?? 0);
    }
}
