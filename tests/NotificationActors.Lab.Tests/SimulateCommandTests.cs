using System.Text.Json;
using System.Xml;
using System.Xml.Linq;

namespace NotificationActors.Lab.Tests;

/// <summary>The <c>simulate</c> verb end to end: a small experiment on the test cluster, its report and summaries.</summary>
public sealed class SimulateCommandTests : IDisposable
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private readonly string _out = Directory.CreateTempSubdirectory("na-simulate-").FullName;

    [Fact]
    public async Task ASmallExperimentWritesAReportWhoseEveryChartHasDataAndTheSummariesTheContractNames()
    {
        var (exitCode, output, error) = await Cli.Run("simulate", "--members", "120", "--weeks", "2", "--seeds", "2", "--exploration-weeks", "1", "--fixed-push", "2", "--fixed-email", "2", "--out", _out);

        Assert.True(exitCode == 0, error);
        Assert.Contains("member-weeks per second", output, StringComparison.Ordinal);

        using var summary = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_out, "summary.json"), TestContext.Current));
        var arms = summary.RootElement.GetProperty("arms");
        foreach (var arm in new[] { "fixed", "baseline", "hierarchical", "oracle" })
        {
            var metrics = arms.GetProperty(arm);
            foreach (var name in new[] { "engagement", "optOutRate", "sendsPerMemberWeek", "ctr" })
            {
                Assert.True(metrics.GetProperty(name).GetDouble() >= 0, $"{arm}.{name}");
            }

            Assert.InRange(metrics.GetProperty("engagement").GetDouble(), 0.5, 7);
            Assert.Equal(2, metrics.GetProperty("engagementCi").GetArrayLength());
            foreach (var cohort in new[] { "casual", "regular", "heavy" })
            {
                Assert.InRange(metrics.GetProperty("cohorts").GetProperty(cohort).GetProperty("engagement").GetDouble(), 0, 7);
            }
        }

        // The page is well-formed, runs no script, and every chart names each arm in its legend with the arm's colour
        // (ScottPlot's first four palette colours, the arms in order) and draws data in them beyond the swatches (a
        // zero bar draws nothing); the push and email regret chart also draws the two fixed-plan yardsticks.
        var page = XDocument.Load(XmlReader.Create(Path.Combine(_out, "report.html"), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore }));
        Assert.Empty(page.Descendants("script"));
        var charts = page.Descendants(Svg + "svg").ToArray();
        Assert.True(charts.Length >= 6, $"only {charts.Length} charts");
        string[] armNames = ["fixed", "baseline", "hierarchical", "oracle"];
        string[] colours = ["#1F77B4", "#FF7F0E", "#2CA02C", "#D62728"];
        string[] yardsticks = ["best fixed", "best per cohort"];
        var withYardsticks = 0;
        foreach (var chart in charts)
        {
            var texts = chart.Descendants(Svg + "text").Select(t => t.Value.Trim()).ToHashSet(StringComparer.Ordinal);
            Assert.All(armNames, arm => Assert.Contains(arm, texts));
            int Drawn(string colour) => chart.Descendants().Count(e => (string?)e.Attribute("fill") == colour || (string?)e.Attribute("stroke") == colour);
            Assert.All(colours, colour => Assert.True(Drawn(colour) >= 1, $"{chart.Attribute("aria-label")?.Value}: no {colour} in the legend"));
            Assert.Contains(colours, colour => Drawn(colour) >= 2);
            if (yardsticks.All(texts.Contains)) withYardsticks++;
        }

        Assert.Equal(1, withYardsticks);

        var markdown = await File.ReadAllTextAsync(Path.Combine(_out, "summary.md"), TestContext.Current);
        Assert.Contains("| hierarchical |", markdown, StringComparison.Ordinal);
        Assert.Contains("The hierarchical policy", markdown, StringComparison.Ordinal);
        Assert.Contains("Fixed: 2 pushes and 2 emails a week.", markdown, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "simulate", "--weeks", "2", "--exploration-weeks", "2" }, "--exploration-weeks 2 leaves no week for the trained policy")]
    [InlineData(new[] { "simulate", "--members", "3" }, "--members: '3' is not a number from 4")]
    [InlineData(new[] { "simulate", "--world", "no-such-world.json" }, "--world: there is no file 'no-such-world.json'")]
    [InlineData(new[] { "simulate", "--fixed-push", "51" }, "--fixed-push: '51' is not a number from 0")]
    public async Task ABadOptionExitsNonZeroNamingIt(string[] args, string message)
    {
        var (exitCode, _, error) = await Cli.Run(args);

        Assert.NotEqual(0, exitCode);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AWorldFileWithAnUnknownFieldIsNamed()
    {
        var world = Path.Combine(_out, "world.json");
        await File.WriteAllTextAsync(world, "{ \"fatigueHalfLifeDayz\": 3 }", TestContext.Current);

        var (exitCode, _, error) = await Cli.Run("simulate", "--world", world, "--out", _out);

        Assert.Equal(1, exitCode);
        Assert.Contains("fatigueHalfLifeDayz", error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_out, "report.html")));
    }

    public void Dispose() => Directory.Delete(_out, recursive: true);
}
