using System.Text.Json;
using NotificationActors.Learning.Models;
using NotificationActors.Learning.Training;
using NotificationActors.Policy.Actions;
using NotificationActors.Policy.Fast;
using NotificationActors.Policy.Slow;

namespace NotificationActors.Learning.Artefacts;

/// <summary>Model versions on disk: one folder per version holding the ML.NET files and card.json.</summary>
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

    /// <summary>Reads a version's card.</summary>
    /// <exception cref="InvalidDataException">The folder holds no readable card.</exception>
    public static ModelCard ReadCard(string versionFolder)
    {
        var path = Path.Combine(versionFolder, CardFile);
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"{versionFolder} is not a model version: it has no {CardFile}.");
        }

        try
        {
            return JsonSerializer.Deserialize<ModelCard>(File.ReadAllText(path), Json)
                ?? throw new InvalidDataException($"{path} holds JSON null.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not a model card: {e.Message}", e);
        }
    }

    /// <summary>The cold-start priors a version serves (the built-in defaults when it has none).</summary>
    public static PopulationPriors LoadPriors(string versionFolder) =>
        ReadCard(versionFolder).ColdStart is { Priors.Count: > 0 } coldStart ? new PopulationPriors { Cohorts = coldStart.Priors } : PopulationPriors.Default;

    /// <summary>The fast policy's ranker a version serves, or null when the version has none.</summary>
    /// <exception cref="InvalidDataException">The card's ranker has the wrong shape for this build.</exception>
    public static ICandidateScorer? LoadScorer(string versionFolder)
    {
        var card = ReadCard(versionFolder);
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

    /// <summary>The reward model a version serves to the slow policy, built from its card's weights.</summary>
    /// <exception cref="InvalidDataException">The card lacks a model or a model has the wrong number of weights.</exception>
    public static IRewardModel LoadRewardModel(string versionFolder)
    {
        var card = ReadCard(versionFolder);
        LinearHead Head(string name, int length)
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

        return new LearnedRewardModel(
            card.Version,
            Head(RewardModelTrainer.EngagementHead, RewardBasis.RewardLength),
            Head(RewardModelTrainer.NextWeekEngagementHead, RewardBasis.RewardLength),
            Head(RewardModelTrainer.PushOptOutHead, RewardBasis.OptOutLength),
            Head(RewardModelTrainer.EmailOptOutHead, RewardBasis.OptOutLength));
    }
}
