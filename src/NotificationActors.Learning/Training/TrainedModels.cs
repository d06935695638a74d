using System.Text.Json;
using Microsoft.ML;
using NotificationActors.Learning.Artefacts;
using NotificationActors.Learning.Models;

namespace NotificationActors.Learning.Training;

/// <summary>A training run's result: the card, the served model, and the ML.NET models to save beside the card.</summary>
internal sealed class TrainedModels(MLContext ml, ModelCard card, LearnedRewardModel model, IReadOnlyDictionary<string, (ITransformer Transformer, DataViewSchema Schema)> files)
{
    public ModelCard Card { get; } = card;

    public LearnedRewardModel Model { get; } = model;

    /// <summary>
    /// Writes the version's folder under <paramref name="root"/>: every ML.NET model and card.json, into a temporary
    /// folder renamed into place at the end, so a failed or interrupted save never leaves a half version behind.
    /// </summary>
    public string Save(string root)
    {
        var target = Path.Combine(root, Card.Version);
        if (Directory.Exists(target))
        {
            throw new IOException($"Model version {Card.Version} already exists in {root}; versions are immutable, so train under a new version.");
        }

        Directory.CreateDirectory(root);
        var staging = Path.Combine(root, $".{Card.Version}.{Guid.NewGuid():N}.partial");
        Directory.CreateDirectory(staging);
        try
        {
            foreach (var (file, (transformer, schema)) in files)
            {
                ml.Model.Save(transformer, schema, Path.Combine(staging, file));
            }

            File.WriteAllText(Path.Combine(staging, ModelArtefacts.CardFile), JsonSerializer.Serialize(Card, ModelArtefacts.Json));
            Directory.Move(staging, target);
            return target;
        }
        catch
        {
            Directory.Delete(staging, recursive: true);
            throw;
        }
    }
}
