using System.CommandLine;
using NotificationActors.Lab.Charts;
using NotificationActors.Learning.Artefacts;
using NotificationActors.Learning.Tuning;
using Spectre.Console;

namespace NotificationActors.Lab.CommandLine;

/// <summary>
/// <c>chart</c>: draws what the silo's offline verbs wrote as data, since the deployable silo ships no drawing library:
/// an evaluation folder (evaluation.json from <c>evaluate</c>) becomes evaluation.html, a model version's folder
/// (card.json from <c>train</c>) gets reliability.svg and, with a causal ranker, causal-reliability.svg.
/// </summary>
internal static class ChartCommand
{
    /// <summary>The page <c>chart</c> writes beside evaluation.json.</summary>
    public const string EvaluationPage = "evaluation.html";

    /// <summary>The engagement ranker's reliability chart in a model version's folder.</summary>
    public const string Reliability = "reliability.svg";

    /// <summary>The causal ranker's reliability chart in a model version's folder.</summary>
    public const string CausalReliability = "causal-reliability.svg";

    public static Command Create()
    {
        var folder = new Argument<DirectoryInfo>("folder")
        {
            Description = $"An evaluation folder (with {EvaluationFile.FileName}) or a model version's folder (with {ModelArtefacts.CardFile}); the charts are written into it.",
        };
        var command = new Command("chart", "Draw the charts of a silo's evaluate or train output: the message-cost sweep, or the rankers' reliability.") { folder };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var console = LabConsole.For(parseResult);
            var path = parseResult.GetRequiredValue(folder).FullName;
            try
            {
                var written = File.Exists(Path.Combine(path, EvaluationFile.FileName))
                    ? [await WriteAsync(path, EvaluationPage, CostSweepChart.Html(await EvaluationFile.ReadAsync(path, cancellationToken)), cancellationToken)]
                    : await ReliabilityAsync(path, cancellationToken);
                console.MarkupLine($"Wrote {string.Join(", ", written).EscapeMarkup()}");
                return 0;
            }
            catch (Exception e) when (e is InvalidDataException or IOException or System.Text.Json.JsonException)
            {
                parseResult.InvocationConfiguration.Error.WriteLine($"chart: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    private static async Task<string[]> ReliabilityAsync(string folder, CancellationToken cancellationToken)
    {
        if (!File.Exists(Path.Combine(folder, ModelArtefacts.CardFile)))
        {
            throw new InvalidDataException($"{folder} holds neither {EvaluationFile.FileName} (the silo's evaluate writes it) nor {ModelArtefacts.CardFile} (a model version's folder from train).");
        }

        var card = ModelArtefacts.ReadCard(folder);
        var written = new List<string>();
        if (card.Bandit is { } bandit) written.Add(await WriteAsync(folder, Reliability, ReliabilityChart.Render(bandit, card.Version), cancellationToken));
        if (card.CausalRanker is { } causal) written.Add(await WriteAsync(folder, CausalReliability, ReliabilityChart.Render(causal, card.Version), cancellationToken));
        return written.Count > 0 ? [.. written] : throw new InvalidDataException($"Model version {card.Version} has no trained ranker, so no reliability to chart.");
    }

    private static async Task<string> WriteAsync(string folder, string name, string content, CancellationToken cancellationToken)
    {
        var path = Path.Combine(folder, name);
        await File.WriteAllTextAsync(path, content, cancellationToken);
        return path;
    }
}
