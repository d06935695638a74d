using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NotificationActors.Abstractions.Members;
using NotificationActors.Client.Http;
using NotificationActors.Client.Orleans;

namespace NotificationActors.Client.Tests;

public sealed class ClientTests(SiloFixture silo) : IClassFixture<SiloFixture>
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    private static SendOpportunity Opportunity(string id, params string[] messageIds) => new()
    {
        OpportunityId = id,
        Time = Now,
        Candidates = messageIds.Select(m => new CandidateMessage { MessageId = m, Channel = MessageChannel.Push, Relevance = 0.5 }).ToArray(),
    };

    private INotificationActors Http(string? key = SiloFixture.Key)
    {
        var services = new ServiceCollection();
        services.AddNotificationActorsHttpClient(silo.HttpAddress, key);
        return services.BuildServiceProvider().GetRequiredService<INotificationActors>();
    }

    [Fact]
    public async Task TheHttpClientDrivesAMember()
    {
        var client = Http();
        var member = "http-" + Guid.NewGuid().ToString("N")[..8];

        var preferences = await client.SetPreferencesAsync(member, new MemberPreferences { TimeZone = "Asia/Tokyo" });
        var decision = await client.OfferOpportunityAsync(member, Opportunity("o-1", "m-1"));
        var replay = await client.OfferOpportunityAsync(member, Opportunity("o-1", "m-2"));
        var traffic = await client.ApplyTrafficAsync(member, new MemberTraffic { Opportunities = [Opportunity("o-1", "m-3"), Opportunity("o-2", "m-4")] });
        var receipt = await client.RecordFeedbackAsync(member, new FeedbackEvent { EventId = "e-1", Time = Now, Channel = MessageChannel.Push, Type = FeedbackType.OptedOut });
        var plan = await client.GetPlanAsync(member);
        var data = await client.GetMemberAsync(member);

        Assert.Equal("Asia/Tokyo", preferences.TimeZone);
        Assert.Equal(decision, replay);
        Assert.Equal([decision.OpportunityId, "o-2"], traffic.Decisions.Select(d => d.OpportunityId));
        Assert.Equal(decision, traffic.Decisions[0]);
        Assert.True(receipt.Applied);
        Assert.Equal(decision.PlanWeek, plan.Week);
        Assert.False(data.Preferences.Channels.Push);
    }

    [Fact]
    public async Task TheHttpClientSurfacesFieldErrorsAndAuthFailures()
    {
        var refused = await Assert.ThrowsAsync<NotificationActorsApiException>(() => Http().OfferOpportunityAsync("m-1", Opportunity("o-1", "dup", "dup")));
        var unauthorised = await Assert.ThrowsAsync<NotificationActorsApiException>(() => Http("wrong").GetPlanAsync("m-1"));
        var unknown = await Assert.ThrowsAsync<NotificationActorsApiException>(() => Http().GetPlanAsync("never-seen-" + Guid.NewGuid().ToString("N")));
        var dots = await Assert.ThrowsAsync<MemberRequestRefusedException>(() => Http().GetPlanAsync("."));

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains("candidates[1].messageId", refused.Errors.Keys);
        Assert.Equal((HttpStatusCode.NotFound, "memberId"), (unknown.Status, Assert.Single(unknown.Errors.Keys)));
        Assert.Equal("memberId", Assert.Single(dots.Errors.Keys));
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorised.Status);
    }

    [Fact]
    public async Task TheOrleansClientCallsMemberGrainsThroughTheGateway()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddNotificationActorsClient(o => o.GatewayPort = silo.GatewayPort);
        using var host = builder.Build();
        await host.StartAsync();
        var client = host.Services.GetRequiredService<INotificationActors>();
        var member = "orleans-" + Guid.NewGuid().ToString("N")[..8];

        var decision = await client.OfferOpportunityAsync(member, Opportunity("o-1", "m-1"));
        var viaHttp = await Http().GetPlanAsync(member);

        Assert.Equal(viaHttp.Week, decision.PlanWeek);
        var duplicate = await Assert.ThrowsAsync<MemberRequestRefusedException>(() => client.OfferOpportunityAsync(member, Opportunity("o-2", "dup", "dup")));
        var unknown = await Assert.ThrowsAsync<MemberRequestRefusedException>(() => client.GetPlanAsync("never-seen-" + member));
        var dots = await Assert.ThrowsAsync<MemberRequestRefusedException>(() => client.GetPlanAsync(".."));

        // The refusals cross the gateway whole: why, and the fields at fault.
        Assert.Equal((MemberRefusal.Invalid, "candidates[1].messageId"), (duplicate.Refusal, Assert.Single(duplicate.Errors.Keys)));
        Assert.Equal((MemberRefusal.UnknownMember, "memberId"), (unknown.Refusal, Assert.Single(unknown.Errors.Keys)));
        Assert.Equal((MemberRefusal.Invalid, "memberId"), (dots.Refusal, Assert.Single(dots.Errors.Keys)));
        await host.StopAsync();
    }
}
