using System.Collections.Concurrent;
using NotificationActors.Abstractions.Members;
using NotificationActors.Policy.Time;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Messaging;
using Orleans.Runtime;
using Xunit.Abstractions;

namespace NotificationActors.Cluster.Tests;

public sealed class PostgresFailoverTests(ClusterFixture<PostgresStore> cluster, ITestOutputHelper output)
    : FailoverSuite<PostgresStore>(cluster, output), IClassFixture<ClusterFixture<PostgresStore>>;

public sealed class AzureFailoverTests(ClusterFixture<AzureStore> cluster, ITestOutputHelper output)
    : FailoverSuite<AzureStore>(cluster, output), IClassFixture<ClusterFixture<AzureStore>>;

/// <summary>A silo of a three-silo cluster killed under load, on each clustered store.</summary>
public abstract class FailoverSuite<TStore>(ClusterFixture<TStore> cluster, ITestOutputHelper output) where TStore : IClusterStore
{
    private const int MemberCount = 60;
    private const int Rounds = 24;
    private const int KillAfterRound = 8;

    private static DateTimeOffset Now => ClusterFixture<TStore>.Time.GetUtcNow();

    private static SendOpportunity Opportunity(int round) => new()
    {
        OpportunityId = $"o-{round}",
        Time = Now,
        Candidates =
        [
            new CandidateMessage { MessageId = $"p-{round}", Channel = MessageChannel.Push, Category = "new-release", TitleId = $"tp-{round}", Relevance = 0.6 },
            new CandidateMessage { MessageId = $"e-{round}", Channel = MessageChannel.Email, Category = "new-release", TitleId = $"te-{round}", Relevance = 0.5 },
        ],
    };

    [Fact]
    public async Task ASiloKilledUnderLoadLosesNoAcknowledgedDecisionAndItsMembersKeepTheirBudgetsAndWeeklyReplans()
    {
        var members = Enumerable.Range(0, MemberCount).Select(i => $"f-{i}").ToArray();
        var grains = members.ToDictionary(m => m, m => cluster.Grains.GetGrain<IMemberGrain>(m));
        var acknowledged = new ConcurrentDictionary<(string Member, int Round), SendDecision>();
        var failedAttempts = 0;

        // Callers retry a failed call with the same opportunity id, as production callers do; a call that
        // never succeeded was never acknowledged and is not held against the cluster.
        async Task OfferAsync(string member, int round)
        {
            for (var attempt = 0; attempt < 8; attempt++)
            {
                try
                {
                    acknowledged[(member, round)] = await grains[member].OfferOpportunity(Opportunity(round));
                    return;
                }
                catch (Exception e) when (e is SiloUnavailableException or OrleansMessageRejectionException or TimeoutException or OrleansException)
                {
                    Interlocked.Increment(ref failedAttempts);
                    await Task.Delay(TimeSpan.FromMilliseconds(250 * (attempt + 1)));
                }
            }
        }

        var victim = cluster.Cluster.Silos[1];
        var onVictim = new HashSet<string>();
        for (var round = 0; round < Rounds; round++)
        {
            if (round != KillAfterRound)
            {
                await Task.WhenAll(members.Select(m => OfferAsync(m, round)));
                continue;
            }

            // The client routes calls through every gateway it knows, the victim's among them; after the kill
            // those calls must carry on through the survivors' gateways.
            var gateways = await cluster.Cluster.Client.ServiceProvider.GetRequiredService<IGatewayListProvider>().GetGateways();
            Assert.Contains(gateways, g => g.Port == victim.GatewayAddress.Endpoint.Port);

            // The kill lands while this round's calls are in flight.
            onVictim = await MembersActiveOn(victim.SiloAddress, members);
            var inFlight = members.Select(m => OfferAsync(m, round)).ToArray();
            await cluster.Cluster.KillSiloAsync(victim);
            await Task.WhenAll(inFlight);
        }

        await cluster.Cluster.WaitForLivenessToStabilizeAsync();

        Assert.NotEmpty(onVictim);
        Assert.Equal(ClusterFixture<TStore>.Silos - 1, cluster.Cluster.GetActiveSilos().Count());
        Assert.True(acknowledged.Count >= MemberCount * Rounds * 9 / 10, $"only {acknowledged.Count} of {MemberCount * Rounds} calls were ever acknowledged ({failedAttempts} failed attempts)");

        // Every acknowledged decision survived: the replay reaches the member's new activation, loaded from the
        // database, and answers exactly as before.
        foreach (var ((member, round), decision) in acknowledged)
        {
            Assert.Equal(decision, await grains[member].OfferOpportunity(Opportunity(round)));
        }

        // No member sent more than its weekly budget, though a third of them moved silo mid-week.
        foreach (var member in members)
        {
            var plan = await grains[member].GetPlan();
            var sent = acknowledged.Where(a => a.Key.Member == member && a.Value.Send).GroupBy(a => a.Value.Channel).ToDictionary(g => g.Key!.Value, g => g.Count());
            Assert.True(plan.Sent.Push <= 3 && plan.Sent.Email <= 2, $"{member} sent {plan.Sent.Push} pushes and {plan.Sent.Email} emails on a 3 + 2 plan");
            Assert.Equal(sent.GetValueOrDefault(MessageChannel.Push), plan.Sent.Push);
            Assert.Equal(sent.GetValueOrDefault(MessageChannel.Email), plan.Sent.Email);
        }

        // The week turns with nobody calling the members: only reminders, including those the dead silo owned,
        // can close the week, and each member's closed week lands in the learning log.
        var closedWeek = IsoWeek.Containing(Now).ToString();
        ClusterFixture<TStore>.Time.Advance(TimeSpan.FromDays(7));
        var missing = members.ToHashSet();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        while (missing.Count > 0)
        {
            await foreach (var record in cluster.Log.ReadAsync(closedWeek, closedWeek))
            {
                missing.Remove(record.MemberId);
            }

            if (missing.Count > 0)
            {
                await Task.Delay(100, deadline.Token);
            }
        }

        output.WriteLine($"on victim {onVictim.Count}, acknowledged {acknowledged.Count}, failed attempts {failedAttempts}, sends {acknowledged.Count(a => a.Value.Send)}");
        var nextWeek = IsoWeek.Containing(Now).ToString();
        foreach (var member in onVictim)
        {
            Assert.Equal(nextWeek, (await grains[member].GetPlan()).Week);
        }
    }

    private async Task<HashSet<string>> MembersActiveOn(SiloAddress silo, string[] members)
    {
        var management = cluster.Grains.GetGrain<IManagementGrain>(0);
        var statistics = await management.GetDetailedGrainStatistics(hostsIds: [silo]);
        return statistics
            .Select(s => s.GrainId)
            .Where(g => g.Type.ToString() == "member" && members.Contains(g.Key.ToString()))
            .Select(g => g.Key.ToString()!)
            .ToHashSet();
    }
}
