using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NotificationActors.Grains.Members;
using NotificationActors.Grains.Training;
using NotificationActors.Silo.CommandLine;
using NotificationActors.Silo.Hosting;
using NotificationActors.Silo.Security;

namespace NotificationActors.Silo.Tests.Operations;

/// <summary>The checked-in appsettings.json (copied beside the executable) lists every option at its default.</summary>
public sealed class AppSettingsTests
{
    private static readonly IConfigurationRoot Settings = new ConfigurationBuilder()
        .SetBasePath(AppContext.BaseDirectory)
        .AddJsonFile(SiloConfiguration.FileName, optional: false)
        .Build();

    public static TheoryData<string, object> OptionsClasses => new()
    {
        { ApiOptions.Section, new ApiOptions() },
        { ConnectionOptions.Section, new ConnectionOptions() },
        { DashboardSessionOptions.Section, new DashboardSessionOptions() },
        { MemberGrainOptions.Section, new MemberGrainOptions() },
        { LearningLoopGrainOptions.Section, new LearningLoopGrainOptions() },
    };

    [Theory]
    [MemberData(nameof(OptionsClasses))]
    public void EveryOptionIsListedAtItsDefault(string section, object defaults)
    {
        var listed = Activator.CreateInstance(defaults.GetType())!;
        Settings.GetSection(section).Bind(listed);

        // Every setting the options class has is a key of the file (lists of arms are described in a comment instead).
        foreach (var key in Keys(JsonSerializer.SerializeToNode(defaults)!, section))
        {
            Assert.True(Settings.AsEnumerable().Any(k => string.Equals(k.Key, key, StringComparison.OrdinalIgnoreCase)), $"{key} is not in appsettings.json");
        }

        Assert.Equal(JsonSerializer.Serialize(defaults), JsonSerializer.Serialize(listed));
    }

    [Fact]
    public void TheRunVerbsOptionsAreListedAtTheirDefaults()
    {
        var silo = Settings.GetSection(SiloSettings.Section);

        Assert.Equal(SiloSettings.DefaultUrls, silo["Urls"]);
        Assert.Equal(StorageDeployments.All[0].Name, silo["Storage"]);
        Assert.Equal(SiloSettings.DefaultDataDirectory, silo["Data"]);
        Assert.Equal(SiloSettings.DefaultClusterId, silo["ClusterId"]);
        Assert.Equal($"{SiloSettings.DefaultSiloPort}", silo["SiloPort"]);
        Assert.Equal($"{SiloSettings.DefaultGatewayPort}", silo["GatewayPort"]);
        Assert.Equal("system", silo["Clock"]);
        Assert.Equal("simple", Settings[SiloSettings.LogFormatKey]);
        Assert.All(StorageDeployments.All.Where(d => d.Clustered), d => Assert.NotNull(Settings[StorageOptions.ConnectionStringKey(d)]));
    }

    [Fact]
    public async Task ConfiguredArmsReplaceTheDefaultArm()
    {
        var settings = new SiloSettings("http://127.0.0.1:0", StorageDeployments.Memory, 0, 0, SiloSettings.DefaultDataDirectory);
        string[] arms = ["--NotificationActors:Members:Arms:0:Name=solo", "--NotificationActors:Members:Arms:0:Share=1", "--NotificationActors:Members:Rankings:0:Name=only"];
        await using var app = SiloHost.Build(settings, arms);

        var options = app.Services.GetRequiredService<IOptions<MemberGrainOptions>>().Value;

        Assert.Equal(["solo"], options.Arms.Select(a => a.Name));
        Assert.Equal(["only"], options.Rankings.Select(a => a.Name));
    }

    private static IEnumerable<string> Keys(JsonNode node, string path) => node switch
    {
        JsonObject settings => settings.SelectMany(p => p.Key is nameof(MemberGrainOptions.Arms) or nameof(MemberGrainOptions.Rankings) || p.Value is null
            ? (IEnumerable<string>)[]
            : Keys(p.Value, $"{path}:{p.Key}")),
        JsonArray => [],
        _ => [path],
    };
}
