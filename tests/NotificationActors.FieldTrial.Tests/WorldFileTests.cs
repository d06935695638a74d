using NotificationActors.FieldTrial.World;

namespace NotificationActors.FieldTrial.Tests;

public sealed class WorldFileTests
{
    [Fact]
    public void Defaults_come_from_the_embedded_file()
    {
        var defaults = WorldFile.Defaults;

        Assert.Equal(0.5, defaults.Segments.Casual.Share);
        Assert.Equal(0.3, defaults.Channels.InApp.Annoyance);
        Assert.Equal(3, defaults.Traffic.Candidates.Push);
    }

    [Fact]
    public void A_file_overlays_only_the_fields_it_names()
    {
        var world = WorldFile.Parse("""{ "habit": { "lift": 0.5 } }""", "test");

        Assert.Equal(0.5, world.Habit.Lift);
        Assert.Equal(WorldFile.Defaults.Habit.Max, world.Habit.Max);
        Assert.Equal(WorldFile.Defaults.Annoyance, world.Annoyance);
    }

    [Fact]
    public void Unknown_fields_are_refused_each_by_its_path()
    {
        var error = Assert.Throws<InvalidDataException>(() => WorldFile.Parse("""
            { "habit": { "lift": 0.1, "speed": 2 }, "colour": "blue", "channels": { "fax": {} } }
            """, "world.json"));

        Assert.StartsWith("world.json:", error.Message, StringComparison.Ordinal);
        Assert.Contains("habit.speed: unknown field", error.Message, StringComparison.Ordinal);
        Assert.Contains("colour: unknown field", error.Message, StringComparison.Ordinal);
        Assert.Contains("channels.fax: unknown field", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "channels": { "push": { "optOut": 0.9 } } }""", "channels.push.optOut: 0.9 is not in [0, 0.5].")]
    [InlineData("""{ "segments": { "heavy": { "visitProbability": 1 } } }""", "segments.heavy.visitProbability: 1 is not in (0, 1).")]
    [InlineData("""{ "traffic": { "candidates": { "inapp": -1 } } }""", "traffic.candidates.inapp: -1 is not in [0, 50].")]
    [InlineData("""{ "annoyance": { "halfLifeDays": 0 } }""", "annoyance.halfLifeDays: 0 is not in (0, 3650].")]
    public void Values_out_of_range_are_refused_naming_the_field(string json, string expected)
    {
        var error = Assert.Throws<InvalidDataException>(() => WorldFile.Parse(json, "test"));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "segments": { "casual": { "share": 0.6 } } }""", "segments.*.share")]
    [InlineData("""{ "traffic": { "eveningHour": 7 } }""", "traffic.eveningHour")]
    [InlineData("""{ "segments": { "casual": { "minTenureWeeks": 100 } } }""", "segments.casual.minTenureWeeks")]
    [InlineData("""{ "habit": { "lift": "high" } }""", "habit.lift")]
    [InlineData("""{ "habit": null }""", "habit: null")]
    [InlineData("""{ "habit": 3 }""", "habit: must be an object")]
    public void Inconsistent_or_mistyped_values_are_refused_naming_the_field(string json, string expected)
    {
        var error = Assert.Throws<InvalidDataException>(() => WorldFile.Parse(json, "test"));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_json_is_refused()
    {
        Assert.Throws<InvalidDataException>(() => WorldFile.Parse("{ \"habit\": ", "test"));
        Assert.Throws<InvalidDataException>(() => WorldFile.Parse("[1, 2]", "test"));
    }
}
