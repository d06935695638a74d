using Microsoft.Playwright;

namespace NotificationActors.Dashboard.Tests;

/// <summary>
/// Debian's headless Chromium through Playwright (never a downloaded browser), as every browser test here uses it,
/// and the folder its screenshots go to as the test run's artefacts.
/// </summary>
internal sealed class ChromiumSession : IAsyncDisposable
{
    public const string Executable = "/usr/bin/chromium";

    private static readonly string Screenshots = Path.Combine(AppContext.BaseDirectory, "screenshots");

    private readonly IPlaywright _playwright;

    private ChromiumSession(IPlaywright playwright, IBrowser browser) => (_playwright, Browser) = (playwright, browser);

    public IBrowser Browser { get; }

    public static async Task<ChromiumSession> StartAsync()
    {
        Assert.True(File.Exists(Executable), $"{Executable} is missing: install Debian's chromium (./test.sh does).");
        Directory.CreateDirectory(Screenshots);
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Executable,
            Headless = true,
            // Without the background-networking flags Chromium keeps dialling out through this closed network.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        return new ChromiumSession(playwright, browser);
    }

    /// <summary>Where the screenshot <paramref name="name"/> goes.</summary>
    public static string Screenshot(string name) => Path.Combine(Screenshots, name);

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
    }
}
