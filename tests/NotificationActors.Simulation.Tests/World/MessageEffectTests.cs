using NotificationActors.Abstractions.Members;
using NotificationActors.Simulation.World;

namespace NotificationActors.Simulation.Tests.World;

public class MessageEffectTests
{
    [Fact]
    public void AMessagesEffectIsWhatDeliveringItAddsToTheExpectedEngagedDaysOfItsDayAndTheNext()
    {
        // Two copies of one world: the same members and draws, one sent a push at 10:00 on Monday, one not.
        const int Members = 4000;
        var (sent, unsent) = (new SimulatedWorld(31, null, Members), new SimulatedWorld(31, null, Members));
        var (monday, tuesday) = (WorldDriver.Monday, WorldDriver.Monday.AddDays(1));
        var time = WorldDriver.Start(monday).AddHours(10);
        var (effects, differences) = (new List<double>(), new List<double>());
        for (var i = 0; i < Members; i++)
        {
            var (member, twin) = (sent.Members[i], unsent.Members[i]);
            if (!member.IsOpen(MessageChannel.Push)) continue;
            member.OpportunitiesOn(monday);
            twin.OpportunitiesOn(monday);
            var message = member.Compose(MessageChannel.Push, 0, time);
            effects.Add(member.EffectOf(message, time));
            member.Deliver(message, time);
            foreach (var m in new[] { member, twin })
            {
                m.EndOfDay(monday);
                m.OpportunitiesOn(tuesday);
                m.EndOfDay(tuesday);
            }

            differences.Add(member.ExpectedEngagedDays - twin.ExpectedEngagedDays);
        }

        // The difference's only noise is whether the push led to a play; the effect is its expectation.
        var gap = differences.Average() - effects.Average();
        var error = Math.Sqrt(differences.Zip(effects, (d, e) => (d - e) * (d - e)).Average() / differences.Count);
        Assert.True(effects.Average() > 0.005, $"mean effect {effects.Average():0.0000}");
        Assert.True(Math.Abs(gap) < 4 * error, $"mean difference {differences.Average():0.0000} against mean effect {effects.Average():0.0000} (standard error {error:0.0000})");
    }

    [Fact]
    public void ValuingAMessageChangesNothing()
    {
        var (valued, plain) = (new SimulatedWorld(32, null, 200), new SimulatedWorld(32, null, 200));
        var day = WorldDriver.Monday;
        var time = WorldDriver.Start(day).AddHours(11);
        for (var i = 0; i < valued.Members.Count; i++)
        {
            var (member, twin) = (valued.Members[i], plain.Members[i]);
            member.OpportunitiesOn(day);
            twin.OpportunitiesOn(day);
            var message = member.Compose(MessageChannel.Email, 1, time);
            member.EffectOf(message, time);

            var (expected, actual) = (twin.Deliver(twin.Compose(MessageChannel.Email, 1, time), time), member.Deliver(message, time));
            Assert.Equal((expected.Opened, expected.Clicked, expected.Played, expected.OptedOut), (actual.Opened, actual.Clicked, actual.Played, actual.OptedOut));
            Assert.Equal(twin.EndOfDay(day).Engaged, member.EndOfDay(day).Engaged);
            Assert.Equal(twin.OrganicActivity(time.AddDays(1)), member.OrganicActivity(time.AddDays(1)));
        }
    }

    [Fact]
    public void ALureIsWorthLessThanAnIntentOfTheSameTasteThatIsPlayedFromAndRemembered()
    {
        var options = new WorldOptions();
        options.Categories[0] = new CatalogueCategory { Name = "lure", Weight = 0.1, MeanTaste = 0.5, ClickGivenOpen = 0.05, CarryOver = 0.2 };
        options.Categories[1] = new CatalogueCategory { Name = "series", Weight = 0.1, MeanTaste = 0.5, ClickGivenOpen = 0.9, CarryOver = 2 };
        var world = new SimulatedWorld(33, options, 2000);
        var day = WorldDriver.Monday;
        var time = WorldDriver.Start(day).AddHours(10);
        var (lure, series, closed) = (0.0, 0.0, 0.0);
        foreach (var member in world.Members)
        {
            member.OpportunitiesOn(day);
            lure += member.EffectOf(member.Compose(MessageChannel.Push, 0, time), time);
            series += member.EffectOf(member.Compose(MessageChannel.Push, 1, time), time);
            if (!member.IsOpen(MessageChannel.Email)) closed += Math.Abs(member.EffectOf(member.Compose(MessageChannel.Email, 1, time), time));
            member.EndOfDay(day);
        }

        Assert.True(series > 3 * lure, $"series {series / world.Members.Count:0.0000} a member, lure {lure / world.Members.Count:0.0000}");
        Assert.Equal(0, closed);
    }

    [Theory]
    [InlineData("\"clickGivenOpen\": 1.5", "ClickGivenOpen")]
    [InlineData("\"carryOver\": -1", "CarryOver")]
    [InlineData("\"carryOver\": 6", "CarryOver")]
    public void ACategorysConversionOutOfRangeIsRefusedNamingIt(string field, string named)
    {
        var categories = string.Join(", ", Enumerable.Range(0, 8).Select(i => i == 3
            ? $$"""{ "name": "c{{i}}", {{field}} }"""
            : $$"""{ "name": "c{{i}}" }"""));
        var json = $$"""{ "categories": [{{categories}}] }""";

        var error = Assert.Throws<ArgumentException>(() => WorldOptions.Parse(json).Validate());

        Assert.Contains($"Categories[3].{named}", error.Message, StringComparison.Ordinal);
    }
}
