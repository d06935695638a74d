using NotificationActors.Abstractions.Members;
using NotificationActors.Grains.Validation;

namespace NotificationActors.Grains.Tests;

public class RequestValidatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 18, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("m-1", true)]
    [InlineData("a.b_c:d-E9", true)]
    [InlineData("m-1\n", false)]
    [InlineData("m 1", false)]
    [InlineData("m/1", false)]
    [InlineData("", false)]
    public void AnIdIsOneTo128CharactersOfItsAlphabet(string id, bool valid)
    {
        var errors = RequestValidator.Opportunity(Members.Opportunity("o-1", Now, Members.Message(id)));

        Assert.Equal(valid, !errors.ContainsKey("candidates[0].messageId"));
    }

    [Fact]
    public void AnIdMayHave128CharactersButNotMore()
    {
        Assert.Empty(RequestValidator.MemberId(new string('a', 128)));
        Assert.NotEmpty(RequestValidator.MemberId(new string('a', 129)));
    }

    [Theory]
    [InlineData("m-1", true)]
    [InlineData("7", true)]
    [InlineData("..a", true)]
    [InlineData(".", false)]
    [InlineData("..", false)]
    [InlineData("-_:.", false)]
    [InlineData("m/1", false)]
    public void AMemberIdNeedsALetterOrDigitSoEveryIdIsAPathSegment(string id, bool valid)
    {
        Assert.Equal(valid, RequestValidator.MemberId(id).Count == 0);
        Assert.Equal(valid, MemberIds.Problem(id) is null);
    }

    [Theory]
    [InlineData("Europe/Paris", true)]
    [InlineData("UTC", true)]
    [InlineData("Etc/UTC", true)]
    [InlineData("US/Pacific", true)]
    [InlineData("posixrules", false)]
    [InlineData("localtime", false)]
    [InlineData("Factory", false)]
    [InlineData("posix/Europe/Paris", false)]
    [InlineData("right/UTC", false)]
    [InlineData("Mars/Olympus_Mons", false)]
    [InlineData(" ", false)]
    public void OnlyIanaZonesAreAccepted(string zone, bool valid)
    {
        Assert.Equal(valid, !RequestValidator.Preferences(new MemberPreferences { TimeZone = zone }).ContainsKey("timeZone"));
    }

    [Theory]
    [InlineData("22:00", "07:00", null)]
    [InlineData("08:00", "08:00", "quietHours.end")]
    [InlineData("8:00", "09:00", "quietHours.start")]
    public void QuietHoursAreTwoDifferentTimesOfDay(string start, string end, string? field)
    {
        var errors = RequestValidator.Preferences(new MemberPreferences { QuietHours = new QuietWindow { Start = start, End = end } });

        Assert.Equal(field is null ? [] : [field], errors.Keys);
    }

    [Fact]
    public void AValidTrafficBatchPassesAndABadOneIsRefusedNamingTheItem()
    {
        RequestValidator.ThrowIfInvalid(new MemberTraffic { Opportunities = [Members.Opportunity("o-1", Now, Members.Message("m-1"))] });

        var refused = Assert.Throws<MemberRequestRefusedException>(() => RequestValidator.ThrowIfInvalid(
            new MemberTraffic { Opportunities = [Members.Opportunity("o 1", Now, Members.Message("m-1"))] }));
        Assert.Contains("opportunities[0].opportunityId", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tenure_weeks", true)]
    [InlineData("a.b-c", true)]
    [InlineData("tenure weeks", false)]
    [InlineData("tenure:weeks", false)]
    public void AFeatureNameIsLettersDigitsDotsUnderscoresAndDashes(string name, bool valid) =>
        Assert.Equal(valid, RequestValidator.Features(new Dictionary<string, double> { [name] = 1 }).Count == 0);
}
