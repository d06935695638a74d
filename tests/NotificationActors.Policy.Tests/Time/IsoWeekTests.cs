using NotificationActors.Policy.Time;

namespace NotificationActors.Policy.Tests.Time;

public class IsoWeekTests
{
    [Fact]
    public void TheApiExampleInstantFallsInWeek48()
    {
        var week = IsoWeek.Containing(DateTimeOffset.Parse("2026-11-23T18:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal("2026-W48", week.ToString());
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero), week.Start);
        Assert.Equal(IsoWeek.Parse("2026-W49"), week.Next());
    }

    [Fact]
    public void WeeksCrossYearsTheIsoWay()
    {
        Assert.Equal("2026-W53", IsoWeek.Containing(new DateTimeOffset(2027, 1, 1, 12, 0, 0, TimeSpan.Zero)).ToString());
        Assert.Equal(IsoWeek.Parse("2027-W01"), IsoWeek.Parse("2026-W53").Next());
        Assert.Equal(IsoWeek.Parse("2026-W53"), IsoWeek.Parse("2027-W01").Previous());
    }

    [Theory]
    [InlineData("2026-W54")]
    [InlineData("2025-W53")]
    [InlineData("2026W48")]
    [InlineData("2026-w48")]
    [InlineData("")]
    public void InvalidWeeksDoNotParse(string text) => Assert.False(IsoWeek.TryParse(text, out _));

    [Theory]
    [InlineData("2026-W48", true)]
    [InlineData("2026-W49", false)]
    [InlineData("2025-W48", false)]
    [InlineData("2026-w48", false)]
    [InlineData(null, false)]
    public void AWeekIsOnlyItsOwnText(string? text, bool expected) => Assert.Equal(expected, IsoWeek.Parse("2026-W48").Is(text));
}
