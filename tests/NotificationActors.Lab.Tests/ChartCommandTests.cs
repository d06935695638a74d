using System.Globalization;
using System.Text.RegularExpressions;
using NotificationActors.Abstractions.Learning;
using NotificationActors.Learning.Artefacts;
using NotificationActors.Silo.CommandLine;
using NotificationActors.Simulation.Learning;
using NotificationActors.Storage.Sqlite.Learning;

namespace NotificationActors.Lab.Tests;

/// <summary>
/// The lab's <c>chart</c> verb on what the silo's <c>train</c> and <c>evaluate</c> wrote as data: the sweep's page and
/// the rankers' reliability charts, drawn by ScottPlot here since the silo ships no drawing library.
/// </summary>
public sealed partial class ChartCommandTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("na-chart-").FullName;

    [Fact]
    public async Task ChartDrawsTheSilosEvaluationAndTheRankersReliability()
    {
        await using (var log = SqliteLearningLogFile.Open(Path.Combine(_data, NotificationActors.Storage.Sqlite.Hosting.SqliteDeployment.FileName)))
        {
            await FillAsync(log, members: 2_000);
        }

        var evaluation = Path.Combine(_data, "evaluation");
        var model = Path.Combine(_data, "models", "v1");
        Assert.Equal(0, (await Silo("train", "--data", _data, "--model-version", "v1")).ExitCode);
        Assert.Equal(0, (await Silo("evaluate", "--data", _data, "--model-version", "v1", "--costs", "0,0.1,0.3", "--resamples", "20", "--out", evaluation)).ExitCode);

        var (sweepExit, sweepOutput, sweepError) = await Cli.Run("chart", evaluation);
        var (modelExit, _, modelError) = await Cli.Run("chart", model);

        Assert.True(sweepExit == 0, sweepError);
        Assert.Contains("evaluation.html", sweepOutput, StringComparison.Ordinal);
        var page = await File.ReadAllTextAsync(Path.Combine(evaluation, "evaluation.html"));
        Assert.Equal(2, Regex.Count(page, "<svg [^>]*class=\"chart line\""));
        Assert.Contains("doubly robust", TextsOf(page));
        Assert.Contains("chosen cost", page, StringComparison.Ordinal);
        Assert.True(modelExit == 0, modelError);
        var reliability = TextsOf(await File.ReadAllTextAsync(Path.Combine(model, "reliability.svg")));
        Assert.All(ModelArtefacts.ReadCard(model).Bandit!.Calibration, cell =>
            Assert.Contains(reliability, text => text.StartsWith($"{cell.Category} / {cell.Channel}: factor x{cell.Factor.ToString("F2", CultureInfo.InvariantCulture)}", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ChartNamesAFolderWithNothingToDraw()
    {
        var (exitCode, _, error) = await Cli.Run("chart", _data);

        Assert.Equal(1, exitCode);
        Assert.Contains("holds neither evaluation.json", error, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_data, recursive: true);

    // Concurrent appends share the store's group commits, so thousands of records land in a moment.
    private static async Task FillAsync(ILearningLog log, int members)
    {
        foreach (var chunk in SyntheticWorld.Log(members, weeks: 4, exploration: 0.5, seed: 11).Chunk(500))
        {
            await Task.WhenAll(chunk.Select(r => log.AppendAsync(r)));
        }
    }

    private static Task<(int ExitCode, string Output, string Error)> Silo(params string[] args) =>
        ConsoleCapture.RunAsync((output, error) => SiloCommandLine.InvokeAsync(args, output, error, cancellationToken: TestContext.Current));

    // The SVG's texts, one a text element (Skia places each glyph, so a label is one element's content).
    private static List<string> TextsOf(string svg) => [.. Text().Matches(svg).Select(m => m.Groups[1].Value.Trim())];

    [GeneratedRegex(@"<text[^>]*>([^<]*)</text>")]
    private static partial Regex Text();
}
