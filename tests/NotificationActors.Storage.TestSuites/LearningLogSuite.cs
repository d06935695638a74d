using System.Text.Json;
using NotificationActors.Abstractions.Learning;
using NotificationActors.Abstractions.Members;

namespace NotificationActors.Storage.TestSuites;

/// <summary>
/// What every learning log must do: a record round-trips whole, a retried append lands once, reads are bounded by
/// week and ordered by member then week, and forgetting a member removes exactly that member's records.
/// </summary>
public abstract class LearningLogSuite
{
    /// <summary>The log under test, taken from a real silo's services.</summary>
    protected abstract ILearningLog Log { get; }

    private static MemberWeekRecord Record(string member, string week, int engagedDays = 3) => new()
    {
        MemberId = member,
        Week = week,
        Arm = "hierarchical",
        Policy = "hierarchical",
        ModelVersion = "parametric-1",
        PlanPush = 3,
        PlanEmail = 1,
        Pacing = "uniform",
        Propensity = 0.85,
        Explored = false,
        UtilityTerms = new Dictionary<string, double> { ["engagement"] = 2.5, ["messageCost"] = -0.24 },
        Features = new Dictionary<string, double> { ["tenureWeeks"] = 12, ["activeDays28"] = 9 },
        Decisions =
        [
            new DecisionRecord
            {
                OpportunityId = "o-1", Time = new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero), Kind = OpportunityType.Daily,
                Send = true, MessageId = "msg-1", Channel = MessageChannel.Push, Reason = "sent", Propensity = 0.4,
                PlanWeek = week, Arm = "hierarchical",
            },
        ],
        Sent = new ChannelCountsView { Push = 1 },
        Outcomes = new Dictionary<string, int> { ["push.opened"] = 1 },
        EngagedDays = engagedDays,
        ActivityMinutes = 95.5,
        OptedOut = [MessageChannel.Email],
    };

    private static string Json(MemberWeekRecord record) => JsonSerializer.Serialize(record, JsonSerializerOptions.Web);

    private async Task<List<MemberWeekRecord>> ReadAsync(string prefix, string? from = null, string? to = null)
    {
        var records = new List<MemberWeekRecord>();
        await foreach (var record in Log.ReadAsync(from, to))
        {
            if (record.MemberId.StartsWith(prefix, StringComparison.Ordinal))
            {
                records.Add(record);
            }
        }

        return records;
    }

    private static string NewPrefix() => $"log-{Guid.NewGuid():N}-";

    [Fact]
    public async Task ARecordRoundTripsWhole()
    {
        var prefix = NewPrefix();
        var record = Record(prefix + "a", "2026-W48");

        await Log.AppendAsync(record);

        Assert.Equal(Json(record), Json(Assert.Single(await ReadAsync(prefix))));
    }

    [Fact]
    public async Task ARetriedAppendLandsOnceAndKeepsTheFirstRecord()
    {
        var prefix = NewPrefix();

        await Log.AppendAsync(Record(prefix + "a", "2026-W48", engagedDays: 2));
        await Log.AppendAsync(Record(prefix + "a", "2026-W48", engagedDays: 5));

        Assert.Equal(2, Assert.Single(await ReadAsync(prefix)).EngagedDays);
    }

    [Fact]
    public async Task ReadsAreBoundedByWeekAndOrderedByMemberThenWeek()
    {
        var prefix = NewPrefix();
        foreach (var (member, week) in new[] { ("b", "2026-W47"), ("a", "2026-W49"), ("a", "2026-W47"), ("b", "2026-W48"), ("a", "2026-W50") })
        {
            await Log.AppendAsync(Record(prefix + member, week));
        }

        var all = await ReadAsync(prefix);
        var bounded = await ReadAsync(prefix, "2026-W48", "2026-W49");

        Assert.Equal(["a/2026-W47", "a/2026-W49", "a/2026-W50", "b/2026-W47", "b/2026-W48"], all.Select(Key));
        Assert.Equal(["a/2026-W49", "b/2026-W48"], bounded.Select(Key));

        string Key(MemberWeekRecord r) => $"{r.MemberId[prefix.Length..]}/{r.Week}";
    }

    [Fact]
    public async Task ForgettingAMemberRemovesExactlyItsRecords()
    {
        var prefix = NewPrefix();
        await Log.AppendAsync(Record(prefix + "gone", "2026-W47"));
        await Log.AppendAsync(Record(prefix + "gone", "2026-W48"));
        await Log.AppendAsync(Record(prefix + "kept", "2026-W48"));

        var removed = await Log.ForgetMemberAsync(prefix + "gone");

        Assert.Equal(2, removed);
        Assert.Equal([prefix + "kept"], (await ReadAsync(prefix)).Select(r => r.MemberId));
    }
}
