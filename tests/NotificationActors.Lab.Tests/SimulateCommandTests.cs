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
        var (exitCode, output, error) = await Cli.Run("simulate", "--members", "120", "--weeks", "2", "--seeds", "2", "--exploration-weeks", "1", "--fixed-push", "2", "--fixed-email", "2", "--push-opt-out-cost", "12", "--opt-out-worth-weeks", "20", "--out", _out);

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
        Assert.Contains("its prior's message cost 0.06 engaged days, and an opt-out at least 12 (push) or 5 (email), or 20 weeks of the channel's worth", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SchedulesRunBesideTheArmsAndTheReportMeasuresTheHierarchicalArmAgainstTheBestOfThem()
    {
        var (exitCode, output, error) = await Cli.Run("simulate", "--members", "120", "--weeks", "2", "--seeds", "2", "--schedules", "1x1", "--out", _out);

        Assert.True(exitCode == 0, error);
        Assert.Contains("fixed schedules kept all run on the same members", output, StringComparison.Ordinal);

        // The schedules are yardsticks, not arms: summary.json keeps the four arms and lists the schedules apart.
        using var summary = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_out, "summary.json"), TestContext.Current));
        Assert.Equal(["fixed", "baseline", "hierarchical", "oracle"], summary.RootElement.GetProperty("arms").EnumerateObject().Select(a => a.Name));
        var schedules = summary.RootElement.GetProperty("scheduleYardsticks");
        var run = schedules.GetProperty("schedules").EnumerateArray().ToArray();
        Assert.Equal(["schedule 0+0+2", "schedule 0+1+2", "schedule 1+0+2", "schedule 1+1+2"], run.Select(s => s.GetProperty("schedule").GetProperty("name").GetString()));
        Assert.All(run, s => Assert.InRange(s.GetProperty("engagement").GetDouble(), 0.5, 7));
        var best = schedules.GetProperty("bestForEveryone").GetProperty("engagement").GetDouble();
        Assert.Equal(run.Max(s => s.GetProperty("engagement").GetDouble()), best);
        Assert.True(schedules.GetProperty("perCohortEngagement").GetDouble() >= best - 1e-12, "each cohort on its own best schedule does no worse than all on one");
        Assert.Equal(summary.RootElement.GetProperty("arms").GetProperty("hierarchical").GetProperty("engagement").GetDouble() - best,
            schedules.GetProperty("againstBest").GetProperty("overall").GetProperty("mean").GetDouble(), 9);
        Assert.Equal(2, schedules.GetProperty("againstPerCohort").GetProperty("weeks").GetArrayLength());

        // The page has the section, its table, the week-by-week chart with both yardsticks, and the schedules' heatmap.
        var page = XDocument.Load(XmlReader.Create(Path.Combine(_out, "report.html"), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore }));
        Assert.Contains(page.Descendants("h2"), h => h.Value == "Schedules kept all run");
        Assert.Contains(page.Descendants("td"), td => td.Value == "best schedule per cohort");
        var charts = page.Descendants(Svg + "svg").ToDictionary(c => c.Attribute("aria-label")!.Value);
        var weekly = charts["The hierarchical arm less the schedule yardsticks"].Descendants(Svg + "text").Select(t => t.Value.Trim()).ToArray();
        Assert.Contains("less the best single schedule", weekly);
        Assert.Contains("less each cohort's best schedule", weekly);
        var cells = charts["Engaged days per member-week of each schedule"].Descendants(Svg + "text").Select(t => t.Value.Trim()).ToArray();
        Assert.All(run, s => Assert.Contains(s.GetProperty("engagement").GetDouble().ToString("0.000", System.Globalization.CultureInfo.InvariantCulture), cells));

        var markdown = await File.ReadAllTextAsync(Path.Combine(_out, "summary.md"), TestContext.Current);
        Assert.Contains("| best single schedule | all |", markdown, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "simulate", "--weeks", "2", "--exploration-weeks", "2" }, "--exploration-weeks 2 leaves no week for the trained policy")]
    [InlineData(new[] { "simulate", "--members", "3" }, "--members: '3' is not a number from 4")]
    [InlineData(new[] { "simulate", "--world", "no-such-world.json" }, "--world: there is no file 'no-such-world.json'")]
    [InlineData(new[] { "simulate", "--fixed-push", "51" }, "--fixed-push: '51' is not a number from 0")]
    [InlineData(new[] { "simulate", "--schedules", "5by3" }, "--schedules: '5by3' is not a schedule grid")]
    [InlineData(new[] { "simulate", "--push-opt-out-cost", "-1" }, "--push-opt-out-cost: '-1' is not a price from 0 to 365 engaged days")]
    [InlineData(new[] { "simulate", "--email-opt-out-cost", "1000" }, "--email-opt-out-cost: '1000' is not a price from 0 to 365 engaged days")]
    [InlineData(new[] { "simulate", "--opt-out-worth-weeks", "NaN" }, "--opt-out-worth-weeks: 'NaN' is not a number of weeks from 0 to 520")]
    [InlineData(new[] { "simulate", "--schedules", "9x9" }, "--schedules: '9x9' is 100 schedules; an experiment runs at most 64")]
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
