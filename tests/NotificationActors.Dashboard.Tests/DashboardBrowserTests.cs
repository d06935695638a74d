using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Playwright;
using NotificationActors.Silo.Hosting;

namespace NotificationActors.Dashboard.Tests;

/// <summary>
/// Both dashboard pages in Debian's headless Chromium (never a downloaded browser) after real traffic through the
/// API, each reached by logging in through the form as a person would. Screenshots go to the test output folder as
/// artefacts.
/// </summary>
public sealed class DashboardBrowserTests : IAsyncLifetime
{
    private const string Key = "dashboard-key";
    private WebApplication _silo = null!;
    private ChromiumSession _chromium = null!;
    private string _base = "";

    public async Task InitializeAsync()
    {
        _silo = SiloHost.Build(new SiloSettings("http://127.0.0.1:0", StorageDeployments.Memory, 0, 0, SiloSettings.DefaultDataDirectory) { ApiKeys = [Key] }, EndOfWeekTraffic.HostArgs);
        await _silo.StartAsync();
        _base = _silo.Urls.Single();
        await EndOfWeekTraffic.DriveAsync(_base, "dash", 20, Key);
        _chromium = await ChromiumSession.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _chromium.DisposeAsync();
        await _silo.StopAsync();
        await _silo.DisposeAsync();
    }

    [Fact]
    public async Task TheLoginFormOpensTheDashboardWithASessionCookieThatIsNotTheKey()
    {
        var page = await LoggedInPageAsync();

        var cookie = Assert.Single(await page.Context.CookiesAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ChromiumSession.Screenshot("logged-in.png"), FullPage = true });

        Assert.Equal($"{_base}/dashboard/", page.Url);
        Assert.Equal("na_dashboard", cookie.Name);
        Assert.DoesNotContain(Key, Uri.UnescapeDataString(cookie.Value), StringComparison.OrdinalIgnoreCase);
        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, cookie.SameSite);
        Assert.Equal("/", cookie.Path);
    }

    [Fact]
    public async Task AWrongKeyInTheFormKeepsTheDashboardClosed()
    {
        var context = await _chromium.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{_base}/dashboard/login");

        await page.FillAsync("input[name=key]", "not-the-" + Key);
        var response = await page.RunAndWaitForResponseAsync(() => page.ClickAsync("button[type=submit]"), r => r.Request.Method == "POST");
        var message = await page.InnerTextAsync("[role=alert]");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ChromiumSession.Screenshot("login-refused.png") });
        var dashboard = await page.GotoAsync($"{_base}/dashboard/notifications");

        Assert.Equal(401, response.Status);
        Assert.Contains("not a configured API key", message, StringComparison.Ordinal);
        Assert.Empty(await context.CookiesAsync());
        Assert.Equal(401, dashboard!.Status);
    }

    [Fact]
    public async Task TheNotificationsPageShowsNonZeroSends()
    {
        var page = await LoggedInPageAsync();
        await page.GotoAsync($"{_base}/dashboard/notifications");

        await page.WaitForFunctionAsync("() => document.getElementById('status').textContent === 'live' && Number(document.getElementById('sends-total').textContent) > 0");
        var total = int.Parse(await page.InnerTextAsync("#sends-total"), CultureInfo.InvariantCulture);
        var heatCells = await page.Locator("#heatmap td").CountAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ChromiumSession.Screenshot("notifications.png"), FullPage = true });

        Assert.True(total > 0);
        Assert.Equal(14 * 7, heatCells);
        Assert.Contains("hierarchical", await page.InnerTextAsync("#arms"), StringComparison.Ordinal);
        Assert.Contains("engagement", await page.InnerTextAsync("#rankings"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheSendsChartHasAClockTimeAxis()
    {
        var page = await LoggedInPageAsync();
        await page.GotoAsync($"{_base}/dashboard/notifications");

        await page.WaitForFunctionAsync("() => document.querySelectorAll('#series .time-tick').length > 0");
        var ticks = await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('#series .time-tick')].map(t => t.getAttribute('data-time'))");

        // Ten minutes of five-second buckets: a tick every two whole minutes, within the window that ends now.
        Assert.InRange(ticks.Length, 4, 6);
        var times = ticks.Select(t => DateTimeOffset.Parse(t, CultureInfo.InvariantCulture)).ToArray();
        Assert.All(times, t => Assert.Equal(0, t.Second + (t.Minute % 2)));
        Assert.All(times, t => Assert.InRange(t, DateTimeOffset.UtcNow.AddMinutes(-11), DateTimeOffset.UtcNow.AddMinutes(1)));
        Assert.Equal(ticks.Length, await page.Locator("#series .time-tick").Filter(new LocatorFilterOptions { HasTextRegex = new System.Text.RegularExpressions.Regex(@"^\d{1,2}:\d{2}") }).CountAsync());
    }

    [Fact]
    public async Task TheTwoDashboardsLinkToEachOther()
    {
        var page = await LoggedInPageAsync();

        // Each link is followed once the navigation commits: waiting for the whole page to load (the Orleans dashboard's
        // scripts) timed out on a busy machine and says nothing of the link.
        var committed = new PageWaitForURLOptions { WaitUntil = WaitUntilState.Commit };
        await page.ClickAsync("#notifications-link");
        await page.WaitForURLAsync($"{_base}/dashboard/notifications", committed);
        await page.ClickAsync("#orleans-dashboard-link");
        await page.WaitForURLAsync($"{_base}/dashboard/", committed);

        Assert.Equal($"{_base}/dashboard/", page.Url);
    }

    [Fact]
    public async Task TheOrleansDashboardListsTheSiloAndTheMemberGrainType()
    {
        var page = await LoggedInPageAsync();

        await page.GotoAsync($"{_base}/dashboard/#/grains");
        await page.WaitForFunctionAsync("() => document.body.innerText.includes('MemberGrain')", null, new PageWaitForFunctionOptions { Timeout = 60_000 });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ChromiumSession.Screenshot("orleans-dashboard-grains.png"), FullPage = true });
        await page.GotoAsync($"{_base}/dashboard/#/silos");
        await page.WaitForFunctionAsync("() => document.body.innerText.includes('127.0.0.1')", null, new PageWaitForFunctionOptions { Timeout = 60_000 });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ChromiumSession.Screenshot("orleans-dashboard-silos.png"), FullPage = true });

        Assert.Contains("Active", await page.InnerTextAsync("body"), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task WithoutTheKeyTheDashboardIsClosed()
    {
        var page = await _chromium.Browser.NewPageAsync();

        var response = await page.GotoAsync($"{_base}/dashboard/notifications");

        Assert.Equal(401, response!.Status);
    }

    // A fresh browser profile that logs in through the form and lands on the Orleans Dashboard.
    private async Task<IPage> LoggedInPageAsync()
    {
        var context = await _chromium.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 1000 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{_base}/dashboard/login");
        await page.FillAsync("input[type=password]", Key);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync($"{_base}/dashboard/");
        return page;
    }
}
