using System.Text.Json;
using NotificationActors.Simulation.World;

namespace NotificationActors.Simulation.Tests.World;

public class WorldOptionsTests
{
    private static string DefaultsPath => Path.Combine(AppContext.BaseDirectory, WorldOptions.DefaultsFileName);

    [Fact]
    public void TheShippedDefaultsFileEqualsTheDefaults()
    {
        var loaded = WorldOptions.Load(DefaultsPath);

        Assert.Equal(new WorldOptions().ToJson(), loaded.ToJson());
    }

    [Fact]
    public void TheShippedDefaultsFileListsEveryField()
    {
        using var file = JsonDocument.Parse(File.ReadAllText(DefaultsPath));
        var names = file.RootElement.EnumerateObject().Select(p => p.Name).ToHashSet();
        var fields = typeof(WorldOptions).GetProperties().Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name));

        Assert.Equal(fields.Order(), names.Order());
    }

    [Fact]
    public void EveryDefaultHasANamedConstant()
    {
        foreach (var property in typeof(WorldOptions).GetProperties().Where(p => p.Name != nameof(WorldOptions.Categories)))
        {
            var constant = typeof(WorldOptions).GetField("Default" + property.Name);
            Assert.True(constant is { IsLiteral: true }, $"{property.Name} has no Default{property.Name} constant.");
            Assert.Equal(constant!.GetValue(null), property.GetValue(new WorldOptions()));
        }
    }

    [Fact]
    public void TheDefaultsAreValid() => new WorldOptions().Validate();

    [Fact]
    public void MissingFieldsKeepTheirDefaults()
    {
        var options = WorldOptions.Parse("""{ "launchesPerWeek": 5, "fatigueHalfLifeDays": 2 }""");

        Assert.Equal(5, options.LaunchesPerWeek);
        Assert.Equal(2, options.FatigueHalfLifeDays);
        Assert.Equal(WorldOptions.DefaultUpliftRate, options.UpliftRate);
        Assert.Equal(WorldOptions.DefaultCategories().Count, options.Categories.Count);
    }

    [Fact]
    public void AFileIsReadWithCommentsAndCamelCase()
    {
        var path = Path.Combine(Path.GetTempPath(), $"world-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """
            // A variant with a shorter memory.
            { "impactHalfLifeDays": 1.5, "optOutHorizonWeeks": 13, }
            """);
        try
        {
            var options = WorldOptions.Load(path);

            Assert.Equal(1.5, options.ImpactHalfLifeDays);
            Assert.Equal(13, options.OptOutHorizonWeeks);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void UnknownFieldsAreRejectedNamingEachOne()
    {
        var error = Assert.Throws<InvalidDataException>(() => WorldOptions.Parse(
            """{ "fatigueHalfLife": 3, "upliftRate": 2, "categories": [ { "name": "a", "weight": 1, "taste": 0.5 } ], "pushBudget": 4 }""", "variant.json"));

        Assert.Contains("variant.json", error.Message, StringComparison.Ordinal);
        Assert.Contains("'fatigueHalfLife'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'pushBudget'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'categories[0].taste'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("'upliftRate'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fatigueHalfLifeDays", "0", nameof(WorldOptions.FatigueHalfLifeDays))]
    [InlineData("clickGivenOpen", "1.5", nameof(WorldOptions.ClickGivenOpen))]
    [InlineData("pushResponsivenessMedian", "1", nameof(WorldOptions.PushResponsivenessMedian))]
    [InlineData("maxCandidates", "0", nameof(WorldOptions.MaxCandidates))]
    [InlineData("slotLatestHour", "24", nameof(WorldOptions.SlotLatestHour))]
    [InlineData("regularActivityMax", "0.2", nameof(WorldOptions.RegularActivityMax))]
    [InlineData("upliftRate", "-1", nameof(WorldOptions.UpliftRate))]
    [InlineData("heavyShare", "0.9", nameof(WorldOptions.CasualShare))]
    [InlineData("inAppCandidateShare", "1.5", nameof(WorldOptions.InAppCandidateShare))]
    [InlineData("inAppResponsivenessMedian", "0", nameof(WorldOptions.InAppResponsivenessMedian))]
    [InlineData("inAppFatigueWeight", "-1", nameof(WorldOptions.InAppFatigueWeight))]
    public void AnOutOfRangeValueFailsNamingItsField(string field, string value, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => WorldOptions.Parse($$"""{ "{{field}}": {{value}} }"""));

        Assert.Equal(expected, error.ParamName);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnInvalidCategoryFailsNamingItsEntry()
    {
        var options = new WorldOptions();
        options.Categories[3].Weight = 0;

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Equal(nameof(WorldOptions.Categories), error.ParamName);
        Assert.Contains("Categories[3].Weight", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MalformedJsonFailsWithTheSourceNamed()
    {
        var error = Assert.Throws<InvalidDataException>(() => WorldOptions.Parse("""{ "upliftRate": "fast" }""", "bad.json"));

        Assert.Contains("bad.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheWorldKeepsItsOwnCopyOfTheOptions()
    {
        var options = new WorldOptions();
        var world = new SimulatedWorld(1, options, 2);
        options.LaunchesPerWeek = 50;

        Assert.Equal(WorldOptions.DefaultLaunchesPerWeek, world.Options.LaunchesPerWeek);
    }
}
