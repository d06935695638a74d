using System.Net;
using static NotificationActors.Silo.Tests.Api.Json;

namespace NotificationActors.Silo.Tests.Api;

/// <summary>Member ids and API keys on the memory store; the hostile-input table (<see cref="HostileInputTests"/>) has the bodies.</summary>
public sealed class BadInputTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Theory]
    [InlineData("bad id")]
    [InlineData("x/y")]
    public async Task ABadMemberIdIsRefused(string memberId)
    {
        using var response = await api.Client.GetAsync(new Uri($"/v1/members/{Uri.EscapeDataString(memberId)}/plan", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ReadObject())["errors"]!.AsObject().ContainsKey("memberId"));
    }

    [Fact]
    public async Task AnOverlongMemberIdIsRefused()
    {
        using var response = await api.Client.GetAsync(new Uri($"/v1/members/{new string('a', 129)}/plan", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key")]
    public async Task AMissingOrWrongApiKeyIs401AndChangesNothing(string? key)
    {
        var member = "m-" + Guid.NewGuid().ToString("N")[..12];
        var before = await State(api.Client, member);
        using var client = api.NewClient(key);

        using var response = await client.PostAsync(new Uri($"/v1/members/{member}/opportunities", UriKind.Relative), Body(Opportunity("o-1", Candidate("m-1"))));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(before, await State(api.Client, member));
    }

    [Fact]
    public async Task HealthNeedsNoApiKey()
    {
        using var client = api.NewClient(null);

        using var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
