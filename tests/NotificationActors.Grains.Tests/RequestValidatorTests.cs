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

    [Fact]
    public void AValidTrafficBatchPassesAndABadOneIsRefusedNamingTheItem()
    {
        RequestValidator.ThrowIfInvalid(new MemberTraffic { Opportunities = [Members.Opportunity("o-1", Now, Members.Message("m-1"))] });

        var refused = Assert.Throws<ArgumentException>(() => RequestValidator.ThrowIfInvalid(
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
