using System.Xml.Linq;

namespace NotificationActors.Lab.Tests;

public sealed class PlanCommandTests
{
    [Theory]
    [InlineData(new[] { "--help" }, "simulate")]
    [InlineData(new[] { "plan", "--help" }, "--message-cost")]
    [InlineData(new[] { "simulate", "--help" }, "--world")]
    [InlineData(new[] { "load", "--help" }, "experiment-floor")]
    [InlineData(new[] { "load", "storage", "--help" }, "--durability")]
    [InlineData(new[] { "load", "http", "--help" }, "--silos")]
    [InlineData(new[] { "load", "train", "--help" }, "--member-weeks")]
    [InlineData(new[] { "load", "experiment-floor", "--help" }, "--experiment-weeks")]
    [InlineData(new[] { "load", "failover", "--help" }, "Give an empty database dedicated to the run")]
    public async Task EveryVerbHasHelp(string[] args, string expected)
    {
        var (exitCode, output, _) = await Cli.Run(args);

        Assert.Equal(0, exitCode);
        Assert.Contains(expected, output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "plan", "--members", "0" }, "--members: '0' is not a number from 1")]
    [InlineData(new[] { "plan", "--epsilon", "1.5" }, "--epsilon: '1.5' is not a number from 0 to 1")]
    public async Task ABadOptionExitsNonZeroNamingIt(string[] args, string message)
    {
        var (exitCode, _, error) = await Cli.Run(args);

        Assert.NotEqual(0, exitCode);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlanPrintsTheDistributionByCohortAndIsReproducibleBySeed()
    {
        var first = await Cli.Run("plan", "--members", "3000", "--seed", "4");
        var second = await Cli.Run("plan", "--members", "3000", "--seed", "4");

        Assert.Equal(0, first.ExitCode);
        foreach (var cohort in new[] { "casual", "regular", "heavy" })
        {
            Assert.Contains(cohort, first.Output, StringComparison.Ordinal);
        }

        Assert.Contains("push \\ email", first.Output, StringComparison.Ordinal);
        Assert.Equal(TablesOf(first.Output), TablesOf(second.Output));

        // Progress lines differ run to run; the tables must not.
        static string TablesOf(string output) => output[output.IndexOf("Plans by cohort", StringComparison.Ordinal)..];
    }

    [Fact]
    public async Task PlanWritesAHeatmapWhoseCellsShareOutTheMembers()
    {
        var svg = Path.Combine(Path.GetTempPath(), $"plans-{Guid.NewGuid():N}.svg");
        try
        {
            var (exitCode, _, _) = await Cli.Run("plan", "--members", "2000", "--svg", svg);

            Assert.Equal(0, exitCode);
            var texts = XDocument.Load(svg).Descendants(XName.Get("text", "http://www.w3.org/2000/svg")).Select(t => t.Value.Trim()).ToList();
            Assert.Contains("cells: % of 2000 members", texts);

            // Each planned cell is labelled with its share to one decimal; together they are every member.
            var shares = texts.Where(t => t.Contains('.', StringComparison.Ordinal) && double.TryParse(t, System.Globalization.CultureInfo.InvariantCulture, out _))
                .Select(t => double.Parse(t, System.Globalization.CultureInfo.InvariantCulture)).ToList();
            Assert.InRange(shares.Sum(), 100 - (0.05 * shares.Count), 100 + (0.05 * shares.Count));
        }
        finally
        {
            File.Delete(svg);
        }
    }

    [Fact]
    public async Task AHigherMessageCostPlansFewerMessages()
    {
        var cheap = await Cli.Run("plan", "--members", "2000", "--exploration", "greedy", "--message-cost", "0.02");
        var dear = await Cli.Run("plan", "--members", "2000", "--exploration", "greedy", "--message-cost", "0.2");

        Assert.True(MeanPushOfCasuals(dear.Output) < MeanPushOfCasuals(cheap.Output));

        static double MeanPushOfCasuals(string output)
        {
            var row = output.Split('\n').First(line => line.Contains("casual", StringComparison.Ordinal));
            var cells = row.Split('│', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            return double.Parse(cells[2], System.Globalization.CultureInfo.InvariantCulture);
        }
    }
}
