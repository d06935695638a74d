using Microsoft.Extensions.DependencyInjection;
using NotificationActors.Abstractions.Members;
using NotificationActors.Client.Http;
using NotificationActors.Storage.TestSuites;
using Polly;

namespace NotificationActors.Client.Tests;

public sealed class HttpRetryTests : IDisposable
{
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("na-client-retry-");

    private static SendOpportunity Opportunity(string id, string messageId) => new()
    {
        OpportunityId = id,
        Time = DateTimeOffset.UtcNow,
        Candidates = [new CandidateMessage { MessageId = messageId, Channel = MessageChannel.Push, Relevance = 0.9 }],
    };

    [Fact]
    public async Task AnOpportunityResentWhileTheSiloRestartsGetsItsFirstDecisionAndAReplanOrABatchIsSentOnce()
    {
        var port = FreeTcpPort.Next();
        string[] sqlite = ["--storage", "sqlite", "--data", _data.FullName, "--silo-port", "0", "--gateway-port", "0"];
        var attempts = new Attempts();
        var services = new ServiceCollection();
        services.AddNotificationActorsHttpClient(o =>
        {
            o.BaseAddress = new Uri($"http://127.0.0.1:{port}");

            // Retries every half second for up to a minute and a half: a silo's restart on a loaded machine fits.
            o.Resilience = r =>
            {
                r.Retry.MaxRetryAttempts = 180;
                r.Retry.BackoffType = DelayBackoffType.Constant;
                r.Retry.UseJitter = false;
                r.Retry.Delay = TimeSpan.FromMilliseconds(500);
                r.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(90);
            };
        }).AddHttpMessageHandler(() => new AttemptCounter(attempts));
        var members = services.BuildServiceProvider().GetRequiredService<INotificationActors>();
        var member = "retry-" + Guid.NewGuid().ToString("N")[..8];

        SendDecision first;
        await using (var silo = await SiloProcess.StartAsync(port, sqlite))
        {
            first = await members.OfferOpportunityAsync(member, Opportunity("o-1", "m-1"));
        }

        var failedBeforeReplan = attempts.Failed;
        await Assert.ThrowsAsync<HttpRequestException>(() => members.ReplanAsync(member));
        var replanAttempts = attempts.Failed - failedBeforeReplan;
        var failedBeforeBatch = attempts.Failed;
        await Assert.ThrowsAsync<HttpRequestException>(() => members.ApplyTrafficAsync(member, new MemberTraffic { Opportunities = [Opportunity("o-2", "m-1")] }));
        var batchAttempts = attempts.Failed - failedBeforeBatch;

        var failedBeforeResend = attempts.Failed;
        var resent = members.OfferOpportunityAsync(member, Opportunity("o-1", "m-2"));
        await WaitUntilAsync(() => attempts.Failed > failedBeforeResend);
        await using var restarted = await SiloProcess.StartAsync(port, sqlite);

        Assert.Equal(first, await resent);
        Assert.Equal(1, replanAttempts);
        Assert.Equal(1, batchAttempts);
    }

    public void Dispose() => _data.Delete(recursive: true);

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.True(condition(), "The resent call made no attempt against the stopped silo.");
    }

    private sealed class Attempts
    {
        private int _failed;

        public int Failed => Volatile.Read(ref _failed);

        public void Fail() => Interlocked.Increment(ref _failed);
    }

    // Inside the resilience handler, so it sees each attempt the retries make.
    private sealed class AttemptCounter(Attempts attempts) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            try
            {
                return await base.SendAsync(request, cancellationToken);
            }
            catch (HttpRequestException)
            {
                attempts.Fail();
                throw;
            }
        }
    }
}
