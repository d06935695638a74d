using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using NotificationActors.Lab.CommandLine;

namespace NotificationActors.Dashboard.Tests;

/// <summary>
/// The experiment report a small one-seed <c>simulate</c> writes, opened in Chromium: its line charts are lines (no
/// series painted as a filled shape, whatever the page's styles do to them), its ticks fall on round numbers, and
/// with one seed it shows no interval.
/// </summary>
public sealed partial class ReportBrowserTests : IAsyncLifetime
{
    private readonly string _out = Directory.CreateTempSubdirectory("na-report-").FullName;
    private ChromiumSession _chromium = null!;

    public async Task InitializeAsync()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await LabCommandLine.InvokeAsync(["simulate", "--members", "40", "--weeks", "3", "--seeds", "1", "--out", _out], output, error);
        Assert.True(exitCode == 0, error.ToString());
        _chromium = await ChromiumSession.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _chromium.DisposeAsync();
        Directory.Delete(_out, recursive: true);
    }

    [Fact]
    public async Task TheReportsChartsDrawLinesOnRoundTicksWithoutIntervalsForOneSeed()
    {
        var page = await _chromium.Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1340, Height = 1000 } });
        await page.GotoAsync(new Uri(Path.Combine(_out, "report.html")).AbsoluteUri);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ChromiumSession.Screenshot("report.png"), FullPage = true });

        // What the browser paints, after every style sheet: a series painted with a fill is a wedge, not a line.
        var lineFills = await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('svg.chart.line path')].map(p => getComputedStyle(p).fill)");
        var charts = System.Text.Json.JsonSerializer.Deserialize<ChartTexts[]>(await page.EvaluateAsync<string>("""
            () => JSON.stringify([...document.querySelectorAll('svg.chart')].map(svg => ({
              label: svg.getAttribute('aria-label'),
              texts: [...svg.querySelectorAll('text')].map(t => ({ transform: t.getAttribute('transform') || '', text: t.textContent.trim() })),
            })))
            """), System.Text.Json.JsonSerializerOptions.Web)!;
        var headers = await page.InnerTextAsync("table tr");

        Assert.Equal(3, await page.Locator("svg.chart.line").CountAsync());
        Assert.Equal(5, await page.Locator("svg.chart.bars").CountAsync());
        Assert.NotEmpty(lineFills);
        Assert.All(lineFills, fill => Assert.Equal("none", fill));
        Assert.All(charts, chart => Assert.NotEmpty(ValueAxes(chart)));
        Assert.All(charts, chart => Assert.All(ValueAxes(chart), ticks => AssertRound(chart.Label, ticks)));
        Assert.DoesNotContain("95%", headers, StringComparison.Ordinal);
    }

    // Numeric tick labels grouped by the axis they sit on: a value axis's labels share an x (the y axis) or a y (the x axis).
    private static IEnumerable<double[]> ValueAxes(ChartTexts chart)
    {
        var numbers = chart.Texts
            .Select(t => (Match: Translate().Match(t.Transform), t.Text))
            .Where(t => t.Match.Success && double.TryParse(t.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            .Select(t => (X: t.Match.Groups[1].Value, Y: t.Match.Groups[2].Value, Value: double.Parse(t.Text, NumberStyles.Float, CultureInfo.InvariantCulture)))
            .ToArray();
        return numbers.GroupBy(n => n.X).Concat(numbers.GroupBy(n => n.Y)).Where(g => g.Count() >= 3).Select(g => g.Select(n => n.Value).Order().ToArray());
    }

    // Round: evenly spaced by 1, 2 or 5 times a power of ten (2.5 too), each label a whole number of steps.
    private static void AssertRound(string chart, double[] ticks)
    {
        var step = ticks[1] - ticks[0];
        var mantissa = step / Math.Pow(10, Math.Floor(Math.Log10(step)));
        Assert.True(new[] { 1, 2, 2.5, 5 }.Any(m => Math.Abs(mantissa - m) < 1e-6), $"{chart}: ticks {string.Join(", ", ticks)} step by {step}");
        Assert.All(ticks.Zip(ticks.Skip(1)), pair => Assert.Equal(step, pair.Second - pair.First, 1e-9));
        Assert.All(ticks, tick => Assert.Equal(Math.Round(tick / step), tick / step, 1e-6));
    }

    [GeneratedRegex(@"translate\(([-0-9.]+) ([-0-9.]+)\)")]
    private static partial Regex Translate();

    private sealed record ChartTexts(string Label, TickText[] Texts);

    private sealed record TickText(string Transform, string Text);
}
