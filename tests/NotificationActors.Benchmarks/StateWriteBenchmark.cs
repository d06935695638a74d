using System.Buffers;
using BenchmarkDotNet.Attributes;
using NotificationActors.Abstractions.Members;
using NotificationActors.Grains.Members;
using NotificationActors.Grains.Members.Format;
using NotificationActors.Policy.Slow;

namespace NotificationActors.Benchmarks;

/// <summary>
/// Writing a member's state, as every call does: a state shaped like the policy experiment's after a few weeks
/// (12 imported features, a plan with its terms and features, a week of decisions, sends, a replay tail and
/// recent event ids; about 2.5 KB). The baseline writes every field afresh, as before anything was kept; the second
/// reuses the kept head (preferences, imported features, plan), as every write but the first of a week does; the
/// third the kept decisions too, as a call that added none does.
/// </summary>
[Throughput("state writes", 200_000)]
public class StateWriteBenchmark
{
    private static readonly DateTimeOffset Monday = new(2027, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly ArrayBufferWriter<byte> _output = new(8 * 1024);
    private MemberState _state = null!;

    [GlobalSetup]
    public void Setup() => _state = State();

    [Benchmark(Baseline = true, Description = "written afresh")]
    public int WriteEveryField()
    {
        (_state.EncodedHead, _state.EncodedWeekDecisions, _state.EncodedReplayTail, _state.EncodedSent, _state.EncodedEventIds) = (null, null, null, null, null);
        return Write();
    }

    [Benchmark(Description = "head kept")]
    public int WriteWithKeptHead()
    {
        (_state.EncodedWeekDecisions, _state.EncodedReplayTail, _state.EncodedSent, _state.EncodedEventIds) = (null, null, null, null);
        return Write();
    }

    [Benchmark(Description = "head and decisions kept")]
    public int WriteWithKeptHeadAndDecisions() => Write();

    private int Write()
    {
        _output.ResetWrittenCount();
        MemberStateFormat.Write(_state, _output);
        return _output.WrittenCount;
    }

    private static MemberState State()
    {
        var features = new MemberFeatures { EngagedDaysPerWeek = 2.5, TenureWeeks = 30, PushOpenRate = 0.08, EmailOpenRate = 0.15, DismissRate = 0.12 }.Describe();
        var imported = new Dictionary<string, double>(features, StringComparer.Ordinal) { ["ageBand"] = 3 };
        var decisions = Enumerable.Range(0, 12).Select(Decision).ToList();
        var week = new WeekState { Week = "2027-W09", PushSent = 2, EmailSent = 1, InAppSent = 2, Decisions = decisions[..7], EngagedDayMask = 0b1011 };
        week.Outcomes["opened"] = 2;
        return new MemberState
        {
            Preferences = new MemberPreferences { TimeZone = "Europe/Berlin" },
            ImportedFeatures = imported,
            Plan = new PlanState
            {
                Week = "2027-W09", Arm = "hierarchical", Policy = "hierarchical", Push = 2, Email = 1, Pacing = "relevance-weighted",
                ModelVersion = "parametric", Propensity = 0.9, Utility = 0.31, PlannedAt = Monday, InApp = 2, Features = features,
                Terms = new Dictionary<string, double>(StringComparer.Ordinal) { ["engagement"] = 0.5, ["plays"] = 0.1, ["messageCost"] = -0.18, ["optOutRisk"] = -0.02, ["inApp"] = 0.05 },
            },
            Week = week,
            Sent = Enumerable.Range(0, 9).Select(i => new SentMessage($"20270{i % 7 + 1}.d0.{i}", $"title-{i}", "new-release", MessageChannel.Push, Monday.AddHours(i * 17))).ToList(),
            ReplayTail = decisions[7..],
            RecentEventIds = Enumerable.Range(0, 6).Select(i => $"20270301.d0.{i}.opened").ToList(),
            ReminderRegistered = true,
            FirstWeek = "2026-W40",
        };
    }

    private static DecisionRecord Decision(int i) => new()
    {
        OpportunityId = $"20270301.d{i % 7}.{i}", Time = Monday.AddHours(i * 13), Kind = OpportunityType.Daily, Send = i % 2 == 0,
        MessageId = i % 2 == 0 ? $"20270301.d{i % 7}.{i}.m3" : null, Channel = i % 2 == 0 ? MessageChannel.Push : null,
        Reason = i % 2 == 0 ? "sent" : "over-budget", Propensity = 0.8, PlanWeek = "2027-W09", Arm = "hierarchical",
        Category = i % 2 == 0 ? "new-release" : null, Relevance = 0.6, HoursSinceCategory = 30, RankerVersion = "relevance",
    };
}
