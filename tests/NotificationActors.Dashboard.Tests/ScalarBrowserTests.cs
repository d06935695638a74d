using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.Playwright;
using NotificationActors.Silo.Hosting;

namespace NotificationActors.Dashboard.Tests;

/// <summary>
/// The API explorer at <c>/scalar</c> in Debian's headless Chromium, reached with the dashboard login's session as a
/// person would: it renders the OpenAPI document's operations from the silo alone, with no request leaving it.
/// </summary>
public sealed class ScalarBrowserTests : IAsyncLifetime
{
    private const string Key = "explorer-key";
    private WebApplication _silo = null!;
    private ChromiumSession _chromium = null!;
    private string _base = "";

    public async Task InitializeAsync()
    {
        _silo = SiloHost.Build(new SiloSettings("http://127.0.0.1:0", StorageDeployments.Memory, 0, 0, SiloSettings.DefaultDataDirectory) { ApiKeys = [Key] });
        await _silo.StartAsync();
        _base = _silo.Urls.Single();
        _chromium = await ChromiumSession.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _chromium.DisposeAsync();
        await _silo.StopAsync();
        await _silo.DisposeAsync();
    }

    [Fact]
    public async Task TheExplorerRendersTheOperationsFromTheSiloAlone()
    {
        var context = await _chromium.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 1000 } });
        var page = await context.NewPageAsync();
        var requested = new ConcurrentQueue<string>();
        page.Request += (_, request) => requested.Enqueue(request.Url);
        await page.GotoAsync($"{_base}/dashboard/login");
        await page.FillAsync("input[type=password]", Key);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync($"{_base}/dashboard/");

        var explorer = await page.GotoAsync($"{_base}/scalar/");
        await page.WaitForFunctionAsync("() => document.body.innerText.includes('Decide a send opportunity')", null, new PageWaitForFunctionOptions { Timeout = 60_000 });
        var overview = await page.InnerTextAsync("body");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ChromiumSession.Screenshot("scalar.png") });
        await page.GetByText("Decide a send opportunity").First.ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Decide a send opportunity" }).WaitForAsync();
        var operation = await page.InnerTextAsync("body");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ChromiumSession.Screenshot("scalar-opportunities.png") });

        Assert.Equal(200, explorer!.Status);
        Assert.Contains("NotificationActors HTTP API", overview, StringComparison.Ordinal);
        Assert.Contains("Load activity in bulk", overview, StringComparison.Ordinal);
        Assert.Contains("/v1/members/{memberId}/opportunities", operation, StringComparison.Ordinal);
        Assert.Matches(@"daily\s+launch\s+session", operation);
        Assert.All(requested, url => Assert.True(url.StartsWith(_base, StringComparison.Ordinal) || url.StartsWith("data:", StringComparison.Ordinal) || url.StartsWith("blob:", StringComparison.Ordinal), $"The page requested {url}."));
    }
}
