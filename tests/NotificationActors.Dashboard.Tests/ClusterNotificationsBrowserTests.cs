using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Playwright;
using NotificationActors.Silo.Dashboard;
using NotificationActors.Silo.Hosting;

namespace NotificationActors.Dashboard.Tests;

/// <summary>
/// Two silos in one cluster (Orleans' development clustering on loopback, the second joining the first), each taking
/// its own traffic over HTTP: a silo's notifications page lists both silos' counts, as each silo's own counters hold
/// them, and their sum.
/// </summary>
public sealed class ClusterNotificationsBrowserTests : IAsyncLifetime
{
    private const int MembersPerSilo = 20;
    private WebApplication _first = null!;
    private WebApplication _second = null!;
    private ChromiumSession _chromium = null!;

    public async Task InitializeAsync()
    {
        var primary = FreePorts.Resolve(0);
        _first = SiloHost.Build(new SiloSettings("http://127.0.0.1:0", StorageDeployments.Memory, primary, FreePorts.Resolve(0), SiloSettings.DefaultDataDirectory), EndOfWeekTraffic.HostArgs);
        await _first.StartAsync();
        _second = SiloHost.Build(new SiloSettings("http://127.0.0.1:0", StorageDeployments.Memory, FreePorts.Resolve(0), FreePorts.Resolve(0), SiloSettings.DefaultDataDirectory),
            EndOfWeekTraffic.HostArgs, builder => builder.UseOrleans(silo => silo.Configure<Orleans.Configuration.DevelopmentClusterMembershipOptions>(o =>
                o.PrimarySiloEndpoint = new IPEndPoint(IPAddress.Loopback, primary))));
        await _second.StartAsync();
        await EndOfWeekTraffic.DriveAsync(_first.Urls.Single(), "first", MembersPerSilo);
        await EndOfWeekTraffic.DriveAsync(_second.Urls.Single(), "second", MembersPerSilo);
        _chromium = await ChromiumSession.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _chromium.DisposeAsync();
        foreach (var silo in new[] { _second, _first })
        {
            await silo.StopAsync();
            await silo.DisposeAsync();
        }
    }

    [Fact]
    public async Task TheNotificationsPageShowsEverySilosCountsAndTheirSum()
    {
        // Orleans places the members where it likes, so the page is opened on the silo that hosts the fewest: the rest of
        // its numbers can only come from the other silo's reports.
        var decisions = new[] { _first, _second }.ToDictionary(silo => silo, Decisions);
        var viewer = decisions.MinBy(d => d.Value).Key;
        var page = await _chromium.Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 1000 } });
        await page.GotoAsync($"{viewer.Urls.Single()}/dashboard/notifications");

        // Each silo reports every two seconds; wait (with Playwright's deadline) for both silos' decisions to arrive.
        await page.WaitForFunctionAsync($"() => document.querySelectorAll('#silos tr').length === 4 && document.querySelector('#silos-total th:nth-child(2)').textContent === '{2 * MembersPerSilo}'");
        var rows = await page.EvaluateAsync<string[][]>("() => [...document.querySelectorAll('#silos tr')].slice(1).map(r => [...r.cells].map(c => c.textContent))");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ChromiumSession.Screenshot("notifications-two-silos.png"), FullPage = true });

        int Cell(string[] row, int column) => int.Parse(row[column], CultureInfo.InvariantCulture);
        Assert.Equal("2", await page.InnerTextAsync("#silo-count"));
        Assert.Equal(decisions.Values.Order(), rows[..2].Select(r => (long)Cell(r, 1)).Order());
        Assert.Equal(rows[..2].Sum(r => Cell(r, 5)), Cell(rows[2], 5));
        Assert.Equal(Cell(rows[2], 5), int.Parse(await page.InnerTextAsync("#sends-total"), CultureInfo.InvariantCulture));
    }

    // The decisions a silo's own grains made, as its own counters hold them.
    private static long Decisions(WebApplication silo) =>
        silo.Services.GetRequiredService<NotificationStats>().Snapshot().Arms.Values.Sum(arm => arm.GetValueOrDefault("decisions"));
}
