using System.Globalization;
using System.Net;
using Microsoft.Data.Sqlite;
using NotificationActors.Abstractions.Members;
using NotificationActors.Grains.Members;
using NotificationActors.Policy.Time;
using NotificationActors.Silo.Apis;
using NotificationActors.Silo.Clock;
using NotificationActors.Silo.Hosting;
using Spectre.Console;

namespace NotificationActors.Lab.Load.Members;

/// <summary>
/// Decisions at the largest member state, on the SQLite default through the HTTP API. One member is built through
/// real calls to the largest state valid calls can make (as WeekBoundsTests builds it: 128-character ids, a closed week
/// of the cap's transactional opportunities, which fills the send history and the replay tail, a second week's, 256
/// features with 64-character names, 256 muted 128-character categories, twice the event window of feedback) except
/// for room in its week for the measured decisions; as many typical members get a few decisions with short ids. Then
/// single <c>POST .../opportunities</c> decisions are timed one at a time, alternating between the largest member and
/// the next typical one (each typical member takes one, so it stays typical), every request of the same shape (one
/// transactional push candidate: it always sends, so each write changes the send history); the stored states'
/// sizes are read from the SQLite file before and after. The silo runs a simulated clock, so the first week can close.
/// <c>dotnet run --project src/NotificationActors.Lab -c Release -- load largest-state [--decisions N]</c>
/// </summary>
internal static class LargestStateRun
{
    private const int IdLength = 128;
    private const int FeatureNameLength = 64;
    private const int Features = 256;
    private const int TypicalDecisions = 3;
    private const int OpportunitiesPerCall = 100;
    private const int FeedbackPerCall = 250;
    private const string TimeZone = "America/Argentina/Buenos_Aires";
    private const string Typical = "typical-";
    private const double Kilobyte = 1024;

    // Monday noon UTC is 09:00 in Buenos Aires: outside the member's quiet hours, and the same ISO week in both zones.
    private static readonly TimeSpan IntoTheWeek = TimeSpan.FromHours(12);

    private static readonly string Largest = Long("largest", IdLength);

    public static async Task RunAsync(LargestStateSettings settings, IAnsiConsole console)
    {
        var decisions = settings.Decisions;
        var cap = MemberGrainOptions.DefaultDecisionsPerWeek;
        var now = TimeProvider.System.GetUtcNow();
        var siloSettings = new SiloSettings("http://127.0.0.1:0", StorageDeployments.Sqlite, 0, 0, Path.Combine(Path.GetTempPath(), "na-largest-state-" + Guid.NewGuid().ToString("N")))
        {
            Clock = ClockKind.Simulated,
            ClockStart = now,
        };
        // Orleans' own timers run on the simulated clock too and warn of every hour the clock jumps.
        var silo = SiloHost.Build(siloSettings, ["--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:Orleans.Runtime.AsyncTimer=Error"]);
        try
        {
            await silo.StartAsync();
            using var http = new HttpClient { BaseAddress = new Uri(silo.Urls.Single()) };
            var api = new MemberApi(http);
            using var store = new MemberStoreFile(siloSettings.Location);

            long largestBefore = 0, largestAfter = 0;
            double typicalBefore = 0, typicalAfter = 0;
            var largest = new List<double>(decisions);
            var typical = new List<double>(decisions);
            int largestSent = 0, typicalSent = 0;
            await console.Progress().StartAsync(async context =>
            {
                var building = context.AddTask("the largest member built through the API (untimed)", maxValue: 2 * cap - decisions);
                await FillWeekAsync(api, "a", cap, now, building);
                now = await AdvanceAsync(api, IsoWeek.Containing(now).End + IntoTheWeek);
                await FillWeekAsync(api, "b", cap - decisions, now, building);
                await ExpectAsync(api.PutAsync(Route(Largest, "/features"), new FeaturesBody
                {
                    Features = Enumerable.Range(0, Features).ToDictionary(i => Long(Text($"f{i}"), FeatureNameLength), i => (double)i),
                }));
                await ExpectAsync(api.PutAsync(Route(Largest, "/preferences"), new MemberPreferences
                {
                    TimeZone = TimeZone,
                    MutedCategories = [.. Enumerable.Range(0, MemberGrainOptions.MaxMutedCategories).Select(i => Long(Text($"muted{i}"), IdLength))],
                    QuietHours = new QuietWindow { Start = "22:00", End = "07:00" },
                }));
                foreach (var chunk in Enumerable.Range(0, 2 * MemberGrainOptions.DefaultEventWindow).Chunk(FeedbackPerCall))
                {
                    await ExpectAsync(api.PostAsync(Route(Largest, "/traffic"), new MemberTraffic
                    {
                        Feedback = [.. chunk.Select(i => new FeedbackEvent
                        {
                            EventId = Long(Text($"e{i}"), IdLength),
                            Time = now,
                            Type = FeedbackType.Dismissed,
                            MessageId = Long(Text($"b{i % Math.Max(1, cap - decisions)}m"), IdLength),
                        })],
                    }));
                }

                var preparing = context.AddTask("typical members, a few decisions each (untimed)", maxValue: decisions * TypicalDecisions);
                for (var m = 0; m < decisions; m++)
                {
                    for (var d = 0; d < TypicalDecisions; d++)
                    {
                        await ExpectAsync(api.PostAsync(Route(Text($"{Typical}{m}"), "/opportunities"), Short(d, now)));
                        preparing.Increment(1);
                    }
                }

                largestBefore = store.StateBytes(Largest);
                typicalBefore = TypicalBytes(store, decisions);
                var timed = context.AddTask("decisions timed one at a time, alternating", maxValue: 2 * decisions);
                for (var i = 0; i < decisions; i++)
                {
                    largestSent += await DecideAsync(api, Largest, LongDecision("c", i, now), largest);
                    typicalSent += await DecideAsync(api, Text($"{Typical}{i}"), Short(TypicalDecisions, now), typical);
                    timed.Increment(2);
                }

                largestAfter = store.StateBytes(Largest);
                typicalAfter = TypicalBytes(store, decisions);
            });

            var (big, small) = (Latencies.Of(largest), Latencies.Of(typical));
            var table = new Table()
                .Title($"Single decisions (POST .../opportunities) on SQLite, one at a time, alternating: {decisions} on the largest member, one on each of {decisions} typical members ({TypicalDecisions} decisions before, short ids; sizes their mean)")
                .AddColumns("member", "KB before", "KB after", "sent", "p50 ms", "p95 ms", "p99 ms", "max ms");
            table.AddRow("largest", Kb(largestBefore), Kb(largestAfter), $"{largestSent}", Ms(big.P50), Ms(big.P95), Ms(big.P99), Ms(big.Max));
            table.AddRow("typical", Kb(typicalBefore), Kb(typicalAfter), $"{typicalSent}", Ms(small.P50), Ms(small.P95), Ms(small.P99), Ms(small.Max));
            table.AddRow("ratio", "", "", "", Ratio(big.P50, small.P50), Ratio(big.P95, small.P95), Ratio(big.P99, small.P99), Ratio(big.Max, small.Max));
            console.Write(table);
            console.MarkupLine(CultureInfo.InvariantCulture, "largest / typical at p50: {0:F1}x", big.P50 / small.P50);
        }
        finally
        {
            await silo.StopAsync();
            await silo.DisposeAsync();
            SqliteConnection.ClearAllPools();
            if (Directory.Exists(siloSettings.DataDirectory)) Directory.Delete(siloSettings.DataDirectory, recursive: true);
        }
    }

    // A week's opportunities for the largest member, every id at its longest, in batches.
    private static async Task FillWeekAsync(MemberApi api, string week, int opportunities, DateTimeOffset now, ProgressTask progress)
    {
        foreach (var chunk in Enumerable.Range(0, opportunities).Chunk(OpportunitiesPerCall))
        {
            await ExpectAsync(api.PostAsync(Route(Largest, "/traffic"), new MemberTraffic { Opportunities = [.. chunk.Select(i => LongDecision(week, i, now))] }));
            progress.Increment(chunk.Length);
        }
    }

    private static async Task<DateTimeOffset> AdvanceAsync(MemberApi api, DateTimeOffset to)
    {
        await ExpectAsync(api.PostAsync("/v1/admin/clock", new ClockRequest(AdvanceBy: null, To: to)));
        return to;
    }

    // Times one decision and returns 1 if it sent; anything but a 200 stops the run.
    private static async Task<int> DecideAsync(MemberApi api, string memberId, SendOpportunity opportunity, List<double> latencies)
    {
        var (call, decision) = await api.PostAsync<SendOpportunity, SendDecision>(Route(memberId, "/opportunities"), opportunity);
        if (decision is null) throw new InvalidOperationException($"Member {memberId[..Math.Min(16, memberId.Length)]}... answered {(int)call.Status} to a decision.");
        latencies.Add(call.Milliseconds);
        return decision.Send ? 1 : 0;
    }

    private static async Task ExpectAsync(Task<MemberApi.Call> call)
    {
        var answer = await call;
        if (answer.Status is not (HttpStatusCode.OK or HttpStatusCode.Accepted))
        {
            throw new InvalidOperationException($"The silo answered {(int)answer.Status} while the members were built.");
        }
    }

    private static double TypicalBytes(MemberStoreFile store, int members) =>
        Enumerable.Range(0, members).Average(m => store.StateBytes(Text($"{Typical}{m}")));

    // The shape of every decision here: one transactional push candidate, which always sends.
    private static SendOpportunity Opportunity(string opportunityId, string messageId, string category, string titleId, DateTimeOffset now) => new()
    {
        OpportunityId = opportunityId,
        Time = now,
        Candidates =
        [
            new CandidateMessage
            {
                MessageId = messageId,
                Channel = MessageChannel.Push,
                Category = category,
                TitleId = titleId,
                Relevance = 0.5,
                Priority = MessagePriorityLevel.Transactional,
            },
        ],
    };

    private static SendOpportunity LongDecision(string prefix, int i, DateTimeOffset now) =>
        Opportunity(Long(Text($"{prefix}{i}o"), IdLength), Long(Text($"{prefix}{i}m"), IdLength), Long(Text($"{prefix}{i}c"), IdLength), Long(Text($"{prefix}{i}t"), IdLength), now);

    private static SendOpportunity Short(int i, DateTimeOffset now) =>
        Opportunity(Text($"o-{i}"), Text($"m-{i}"), "new-release", Text($"t-{i}"), now);

    private static string Route(string memberId, string rest) => $"/v1/members/{memberId}{rest}";

    private static string Long(string head, int length) => head.PadRight(length, 'x');

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string Kb(double bytes) => (bytes / Kilobyte).ToString("N1", CultureInfo.InvariantCulture);

    private static string Ms(double milliseconds) => milliseconds.ToString("F2", CultureInfo.InvariantCulture);

    private static string Ratio(double largest, double typical) => (largest / typical).ToString("F1", CultureInfo.InvariantCulture) + "x";
}
