using System.Text.Json;
using System.Text.Json.Serialization;

namespace NotificationActors.Learning.Tuning;

/// <summary>
/// What the silo's <c>evaluate</c> verb writes (<see cref="FileName"/>) and the lab's <c>chart</c> verb draws: the
/// model versions scored at the default message cost and the message-cost sweep.
/// </summary>
/// <param name="Candidates">The model versions, each at its default message cost.</param>
/// <param name="Sweep">The first version over the swept costs, and the cost chosen.</param>
public sealed record EvaluationFile(IReadOnlyList<CandidateEvaluation> Candidates, CostTuning Sweep)
{
    /// <summary>The file's name in the evaluation folder.</summary>
    public const string FileName = "evaluation.json";

    // An estimate with no weighted samples is NaN, written as the named literal.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Writes the evaluation to <see cref="FileName"/> in <paramref name="folder"/>, creating it; returns the file's path.</summary>
    public async Task<string> WriteAsync(string folder, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, FileName);
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(this, Json), cancellationToken);
        return path;
    }

    /// <summary>Reads <see cref="FileName"/> from <paramref name="folder"/>; a missing or unreadable file is an <see cref="InvalidDataException"/> naming it.</summary>
    public static async Task<EvaluationFile> ReadAsync(string folder, CancellationToken cancellationToken = default)
    {
        var path = Path.Combine(folder, FileName);
        if (!File.Exists(path)) throw new InvalidDataException($"{folder} has no {FileName} (the silo's evaluate verb writes it).");
        try
        {
            await using var stream = File.OpenRead(path);
            return await JsonSerializer.DeserializeAsync<EvaluationFile>(stream, Json, cancellationToken)
                ?? throw new InvalidDataException($"{path} is empty.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not an evaluation: {e.Message}", e);
        }
    }
}
