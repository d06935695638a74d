using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using Microsoft.Playwright;
using NotificationActors.Silo.Hosting;

namespace NotificationActors.Dashboard.Tests;

/// <summary>
/// Two silos in one cluster (Orleans' development clustering on loopback, the second joining the first), each taking
/// its own traffic over HTTP: the first silo's notifications page lists both silos' counts and their sum.
/// </summary>
public sealed class ClusterNotificationsBrowserTests : IAsyncLifetime
{
    private const int MembersPerSilo = 20;
    private static readonly string Artefacts = Path.Combine(AppContext.BaseDirectory, "screenshots");

    private WebApplication _first = null!;
    private WebApplication _second = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    public async Task InitializeAsync()
    {
        var primary = FreePorts.Resolve(0);
        _first = SiloHost.Build(new SiloSettings("http://127.0.0.1:0", StorageDeployments.Memory, primary, FreePorts.Resolve(0), SiloSettings.DefaultDataDirectory));
        await _first.StartAsync();
        _second = SiloHost.Build(new SiloSettings("http://127.0.0.1:0", StorageDeployments.Memory, FreePorts.Resolve(0), FreePorts.Resolve(0), SiloSettings.DefaultDataDirectory),
            configure: builder => builder.UseOrleans(silo => silo.Configure<Orleans.Configuration.DevelopmentClusterMembershipOptions>(o =>
                o.PrimarySiloEndpoint = new IPEndPoint(IPAddress.Loopback, primary))));
        await _second.StartAsync();
        await DecideAsync(_first, "first");
        await DecideAsync(_second, "second");
        _playwright = await Playwright.CreateAsync();
        _browser = await DebianChromium.LaunchAsync(_playwright);
        Directory.CreateDirectory(Artefacts);
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        foreach (var silo in new[] { _second, _first })
        {
            await silo.StopAsync();
            await silo.DisposeAsync();
        }
    }

    [Fact]
    public async Task TheNotificationsPageShowsEverySilosCountsAndTheirSum()
    {
        var page = await _browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 1000 } });
        await page.GotoAsync($"{_first.Urls.Single()}/dashboard/notifications");

        // Each silo reports every two seconds; wait (with Playwright's deadline) for both silos' decisions to arrive.
        await page.WaitForFunctionAsync($"() => document.querySelectorAll('#silos tr').length === 4 && document.querySelector('#silos-total th:nth-child(2)').textContent === '{2 * MembersPerSilo}'");
        var rows = await page.EvaluateAsync<string[][]>("() => [...document.querySelectorAll('#silos tr')].slice(1).map(r => [...r.cells].map(c => c.textContent))");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Artefacts, "notifications-two-silos.png"), FullPage = true });

        var silos = rows[..2];
        Assert.Equal("2", await page.InnerTextAsync("#silo-count"));
        Assert.Equal(2, silos.Select(r => r[0]).Distinct().Count());
        Assert.All(silos, silo => Assert.True(int.Parse(silo[1], CultureInfo.InvariantCulture) > 0, $"{silo[0]} shows no decisions"));
        Assert.Equal(silos.Sum(r => int.Parse(r[5], CultureInfo.InvariantCulture)), int.Parse(rows[2][5], CultureInfo.InvariantCulture));
        Assert.Equal(int.Parse(rows[2][5], CultureInfo.InvariantCulture), int.Parse(await page.InnerTextAsync("#sends-total"), CultureInfo.InvariantCulture));
    }

    // Members at the end of their week through this silo's own HTTP API, so pacing sends what budget is left.
    private static async Task DecideAsync(WebApplication silo, string prefix)
    {
        using var http = new HttpClient { BaseAddress = new Uri(silo.Urls.Single()) };
        var today = DateTime.UtcNow.Date;
        var endOfWeek = today.AddDays(7 - (((int)today.DayOfWeek + 6) % 7)).AddMinutes(-5).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        for (var member = 0; member < MembersPerSilo; member++)
        {
            var body = $$"""{"opportunityId":"o-1","time":"{{endOfWeek}}","candidates":[{"messageId":"p-1","channel":"push","relevance":0.7},{"messageId":"e-1","channel":"email","relevance":0.3}]}""";
            using var response = await http.PostAsync(new Uri($"/v1/members/{prefix}-{member}/opportunities", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"));
            response.EnsureSuccessStatusCode();
        }
    }
}
