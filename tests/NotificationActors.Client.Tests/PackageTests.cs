using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json;
using System.Xml.Linq;

namespace NotificationActors.Client.Tests;

/// <summary>
/// Packs the solution as CI does (<c>dotnet pack NotificationActors.sln</c>, here from the build this test runs in) and
/// reads what a package feed would get.
/// </summary>
public sealed class PackageTests : IDisposable
{
    private static readonly string[] Packages =
    [
        "NotificationActors.Abstractions", "NotificationActors.Client", "NotificationActors.Client.Postgres",
        "NotificationActors.Client.Azure", "NotificationActors.Client.Http",
    ];

    private static readonly string[] NotForHttpCallers = ["Microsoft.Orleans.Client", "Microsoft.Orleans.Core", "Microsoft.Orleans.Runtime", "Microsoft.Orleans.Sdk", "Microsoft.AspNetCore.App"];

    private readonly DirectoryInfo _output = Directory.CreateTempSubdirectory("na-packages-");

    [Fact]
    public async Task TheSolutionPacksTheClientPackagesWithTheirMetadataAndTheHttpClientNeedsNoOrleansRuntimeNorAspNetCore()
    {
        var (exitCode, output) = await RunAsync("dotnet", "pack", Path.Combine(Repository.Root, "NotificationActors.sln"), "--no-build", "-c", Repository.Configuration, "-o", _output.FullName);

        Assert.True(exitCode == 0, output);
        Assert.Equal(Packages.Order(StringComparer.Ordinal), _output.GetFiles("*.nupkg").Select(f => Nuspec(f).Id).Order(StringComparer.Ordinal));
        foreach (var package in _output.GetFiles("*.nupkg").Select(Nuspec))
        {
            Assert.Equal(("MIT", "expression"), package.License);
            Assert.StartsWith("https://", package.RepositoryUrl, StringComparison.Ordinal);
            Assert.Equal("README.md", package.Readme);
            Assert.True(package.HasReadme, $"{package.Id} has no README.md");
            Assert.False(string.IsNullOrWhiteSpace(package.Description), $"{package.Id} has no description");
            Assert.Contains("notifications", package.Tags.Split(' '));
        }

        var http = _output.GetFiles("NotificationActors.Client.Http.*.nupkg").Select(Nuspec).Single();
        Assert.Contains("Microsoft.Extensions.Http.Resilience", http.Dependencies);
        Assert.Contains("NotificationActors.Abstractions", http.Dependencies);
        Assert.DoesNotContain(http.Dependencies, NotForHttpCallers.Contains);
        Assert.DoesNotContain(http.FrameworkReferences, NotForHttpCallers.Contains);

        // What a caller of the HTTP package restores, transitively.
        var restored = Restored(Path.Combine(Repository.Root, "src", "NotificationActors.Client.Http", "obj", "project.assets.json"));
        Assert.Contains("Microsoft.Orleans.Core.Abstractions", restored);
        Assert.DoesNotContain(restored, NotForHttpCallers.Contains);
    }

    public void Dispose() => _output.Delete(recursive: true);

    private static Package Nuspec(FileInfo nupkg)
    {
        using var zip = ZipFile.OpenRead(nupkg.FullName);
        using var stream = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open();
        var metadata = XDocument.Load(stream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        string Text(string name) => metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value ?? "";
        var license = metadata.Elements().Single(e => e.Name.LocalName == "license");
        var readme = Text("readme");
        return new Package(
            Text("id"),
            (license.Value, license.Attribute("type")?.Value ?? ""),
            metadata.Elements().Single(e => e.Name.LocalName == "repository").Attribute("url")?.Value ?? "",
            readme,
            zip.GetEntry(readme) is not null,
            Text("description"),
            Text("tags"),
            metadata.Descendants().Where(e => e.Name.LocalName == "dependency").Select(e => e.Attribute("id")!.Value).Distinct().ToArray(),
            metadata.Descendants().Where(e => e.Name.LocalName == "frameworkReference").Select(e => e.Attribute("name")!.Value).Distinct().ToArray());
    }

    // Package names in the restore's assets file, and the shared frameworks the project runs on.
    private static string[] Restored(string assets)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(assets));
        var libraries = json.RootElement.GetProperty("libraries").EnumerateObject().Select(l => l.Name.Split('/')[0]);
        var frameworks = json.RootElement.GetProperty("project").GetProperty("frameworks").EnumerateObject()
            .SelectMany(f => f.Value.TryGetProperty("frameworkReferences", out var references) ? references.EnumerateObject().Select(r => r.Name) : []);
        return [.. libraries, .. frameworks];
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }

    private sealed record Package(
        string Id,
        (string Value, string Type) License,
        string RepositoryUrl,
        string Readme,
        bool HasReadme,
        string Description,
        string Tags,
        string[] Dependencies,
        string[] FrameworkReferences);
}
