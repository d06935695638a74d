using Microsoft.Playwright;

namespace NotificationActors.Dashboard.Tests;

/// <summary>Debian's headless Chromium through Playwright (never a downloaded browser), as every browser test here uses it.</summary>
internal static class DebianChromium
{
    public const string Path = "/usr/bin/chromium";

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        Assert.True(File.Exists(Path), $"{Path} is missing: install Debian's chromium (./test.sh does).");
        return playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Path,
            Headless = true,
            // Without the background-networking flags Chromium keeps dialling out through this closed network.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }
}
