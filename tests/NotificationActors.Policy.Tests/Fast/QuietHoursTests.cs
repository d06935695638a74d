using System.Globalization;
using FsCheck.Xunit;
using NotificationActors.Policy.Actions;
using NotificationActors.Policy.Fast;
using NotificationActors.Policy.Pacing;
using NotificationActors.Policy.Tests.Support;

namespace NotificationActors.Policy.Tests.Fast;

public class QuietHoursTests
{
    private static readonly QuietHours Night = new(new TimeOnly(22, 0), new TimeOnly(8, 0));
    private static readonly FastPolicy Policy = new(options: new FastPolicyOptions { RankingTemperature = 0 });

    private static Decision DecideAt(string zone, DateTimeOffset utc)
    {
        var member = Contexts.WithBudget(push: 1, email: 0);
        member.PushRates = new OpportunityRates(0, 0, 0);
        member.WeekEnd = utc.AddDays(1);
        member.TimeZone = TimeZoneInfo.FindSystemTimeZoneById(zone);
        member.QuietHours = Night;
        return Policy.Decide(member, utc, OpportunityKind.Daily, [WeekSimulator.Message(Channel.Push, 0)], new Random(1));
    }

    private static DateTimeOffset Utc(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    [Theory]
    // Paris springs forward on 2026-03-29: 06:30 UTC is 07:30 local the day before (quiet), 08:30 local that day (not).
    [InlineData("Europe/Paris", "2026-03-28T06:30:00Z", true)]
    [InlineData("Europe/Paris", "2026-03-29T06:30:00Z", false)]
    // Paris falls back on 2026-10-25: 06:30 UTC is 08:30 local the day before (not quiet), 07:30 local that day (quiet).
    [InlineData("Europe/Paris", "2026-10-24T06:30:00Z", false)]
    [InlineData("Europe/Paris", "2026-10-25T06:30:00Z", true)]
    // New York springs forward on 2026-03-08: 02:30 UTC is 21:30 local before (not quiet), 22:30 after (quiet).
    [InlineData("America/New_York", "2026-03-07T02:30:00Z", false)]
    [InlineData("America/New_York", "2026-03-09T02:30:00Z", true)]
    public void QuietHoursFollowTheMembersLocalClockAcrossDst(string zone, string utc, bool quiet)
    {
        var decision = DecideAt(zone, Utc(utc));

        Assert.Equal(quiet ? DecisionReason.QuietHours : DecisionReason.Selected, decision.Reason);
    }

    [Property(MaxTest = 300)]
    public void QuietHoursHoldAroundEveryDstChange(int seed)
    {
        // Any minute within two days of a 2026 DST change, in zones on both hemispheres.
        var random = new Random(seed);
        var (zone, change) = new[]
        {
            ("Europe/Paris", "2026-03-29T01:00:00Z"), ("Europe/Paris", "2026-10-25T01:00:00Z"),
            ("America/New_York", "2026-03-08T07:00:00Z"), ("America/New_York", "2026-11-01T06:00:00Z"),
            ("Australia/Sydney", "2026-04-04T16:00:00Z"), ("Australia/Sydney", "2026-10-03T16:00:00Z"),
        }[random.Next(6)];
        var utc = Utc(change).AddMinutes(random.Next(-2 * 24 * 60, 2 * 24 * 60));
        var local = TimeZoneInfo.ConvertTimeBySystemTimeZoneId(utc, zone);
        var expectedQuiet = local.Hour >= 22 || local.Hour < 8;

        var decision = DecideAt(zone, utc);

        Assert.Equal(expectedQuiet, decision.Reason == DecisionReason.QuietHours);
    }

    [Theory]
    [InlineData("21:59", false)]
    [InlineData("22:00", true)]
    [InlineData("03:00", true)]
    [InlineData("07:59", true)]
    [InlineData("08:00", false)]
    public void AWindowWrappingMidnightContainsTheNight(string time, bool contained) =>
        Assert.Equal(contained, Night.Contains(TimeOnly.Parse(time, CultureInfo.InvariantCulture)));

    [Fact]
    public void EqualEndsMeanNoQuietHours() =>
        Assert.False(new QuietHours(new TimeOnly(9, 0), new TimeOnly(9, 0)).Contains(new TimeOnly(9, 0)));
}
