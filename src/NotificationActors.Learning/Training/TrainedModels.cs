using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Trainers;
using NotificationActors.Learning.Artefacts;
using NotificationActors.Learning.Models;

namespace NotificationActors.Learning.Training;

/// <summary>A training run's result: the card, the served model, and the ML.NET models to keep beside the card.</summary>
internal sealed class TrainedModels(MLContext ml, ModelCard card, LearnedRewardModel model, IReadOnlyDictionary<string, (ITransformer Transformer, DataViewSchema Schema)> models,
    IReadOnlyDictionary<string, LinearBinaryModelParameters> optOutFits)
{
    public ModelCard Card { get; } = card;

    public LearnedRewardModel Model { get; } = model;

    /// <summary>The opt-out heads' ML.NET fits by head, for the next retraining to start from.</summary>
    public IReadOnlyDictionary<string, LinearBinaryModelParameters> OptOutFits { get; } = optOutFits;

    /// <summary>The version's files: every ML.NET model (a zip each) and card.json.</summary>
    public IReadOnlyDictionary<string, byte[]> Files()
    {
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (name, (transformer, schema)) in models)
        {
            using var stream = new MemoryStream();
            ml.Model.Save(transformer, schema, stream);
            files[name] = stream.ToArray();
        }

        files[ModelArtefacts.CardFile] = JsonSerializer.SerializeToUtf8Bytes(Card, ModelArtefacts.Json);
        return files;
    }
}
