using NotificationActors.Abstractions.Learning;
using NotificationActors.Abstractions.Members;
using NotificationActors.Learning.Bandit;
using NotificationActors.Policy.Slow;
using NotificationActors.Policy.Time;

namespace NotificationActors.Learning.Training;

/// <summary>
/// The learning log read once into compact rows: each planned member-week with its features, plan, outcomes and
/// propensity, linked to the member's following week. A record the models cannot use is an error naming the
/// member and week, never silently dropped, because a quietly shrunken training set gives a quietly wrong model.
/// </summary>
internal sealed class LearningSet
{
    internal LearningSet(LearningRow[] rows, int records, string? firstWeek, string? lastWeek, BanditData bandit)
    {
        Bandit = bandit;
        Rows = rows;
        Records = records;
        FirstWeek = firstWeek;
        LastWeek = lastWeek;
    }

    public LearningRow[] Rows { get; }

    /// <summary>The logged sends, gathered for the fast policy's ranker.</summary>
    public BanditData Bandit { get; }

    /// <summary>Records read, planned or not (weeks under the baseline policy have no plan).</summary>
    public int Records { get; }

    public string? FirstWeek { get; }

    public string? LastWeek { get; }

    /// <summary>
    /// Reads records in member then week order, as <see cref="ILearningLog.ReadAsync"/> yields them; members whose
    /// id hashes below <paramref name="validationShare"/> of the range are held out of the ranker's training.
    /// </summary>
    public static async Task<LearningSet> ReadAsync(IAsyncEnumerable<MemberWeekRecord> records, IProgress<int>? progress = null,
        double validationShare = RewardTrainingOptions.DefaultValidationShare, CancellationToken cancellationToken = default)
    {
        var bandit = new BanditData();
        var threshold = (uint)(validationShare * uint.MaxValue);
        var rows = new List<LearningRow>();
        var count = 0;
        IsoWeek? first = null, last = null;
        string? previousMember = null;
        IsoWeek previousWeek = default;
        var previousRow = -1;
        await foreach (var record in records.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            count++;
            if (count % 10_000 == 0) progress?.Report(count);
            if (!IsoWeek.TryParse(record.Week, out var week))
            {
                throw Corrupt(record, $"week '{record.Week}' is not an ISO week such as 2026-W48");
            }

            first = first is { } f && f < week ? f : week;
            last = last is { } l && l > week ? l : week;
            var sameMember = string.Equals(previousMember, record.MemberId, StringComparison.Ordinal);
            if (sameMember && week <= previousWeek)
            {
                throw Corrupt(record, $"records are out of order (after {previousWeek}); the log must be read in member then week order");
            }

            if (sameMember && previousRow >= 0 && week == previousWeek.Next())
            {
                var previous = rows[previousRow];
                previous.NextWeekEngagedDays = record.EngagedDays;
                rows[previousRow] = previous;
            }

            bandit.Add(record, validation: StableHash(record.MemberId) < threshold);
            previousMember = record.MemberId;
            previousWeek = week;
            previousRow = -1;
            if (record.PlanPush is not { } push || record.PlanEmail is not { } email)
            {
                continue;
            }

            rows.Add(Row(record, push, email));
            previousRow = rows.Count - 1;
        }

        progress?.Report(count);
        return new LearningSet([.. rows], count, first?.ToString(), last?.ToString(), bandit);
    }

    internal static LearningRow Row(MemberWeekRecord record, int push, int email)
    {
        if (MemberFeatures.TryRead(record.Features, out var features) is { } missing)
        {
            throw Corrupt(record, $"feature '{missing}' is missing");
        }

        if (features.FirstInvalidField() is { } invalid)
        {
            throw Corrupt(record, $"feature {invalid} is out of range");
        }

        if (push < 0 || email < 0) throw Corrupt(record, $"the plan ({push} push, {email} email) has a negative frequency");
        if (record.PlanInApp < 0) throw Corrupt(record, $"the plan's in-app cap {record.PlanInApp} is negative");
        if (record.EngagedDays is < 0 or > 7) throw Corrupt(record, $"engagedDays {record.EngagedDays} is outside [0, 7]");
        if (!(record.Propensity > 0 && record.Propensity <= 1)) throw Corrupt(record, $"propensity {record.Propensity} is outside (0, 1]");

        var opens = Responses(record, "push.opened", "email.opened");
        var plays = Responses(record, "push.played", "email.played");
        return new LearningRow
        {
            Features = features,
            Push = push,
            Email = email,
            // Records from before in-app messages were capped: what was sent stands in for the cap.
            InApp = record.PlanInApp ?? record.Sent.InApp,
            EngagedDays = record.EngagedDays,
            NextWeekEngagedDays = -1,
            Opens = opens,
            Plays = plays,
            PushOptOut = record.OptedOut.Contains(MessageChannel.Push),
            EmailOptOut = record.OptedOut.Contains(MessageChannel.Email),
            Explored = record.Explored,
            Propensity = record.Propensity,
            MemberHash = StableHash(record.MemberId),
        };
    }

    // A week's responses to push and email; a record from before outcomes were logged has none, which reads as zero.
    private static int Responses(MemberWeekRecord record, string push, string email)
    {
        var total = 0;
        foreach (var key in (ReadOnlySpan<string>)[push, email])
        {
            var count = record.Outcomes.GetValueOrDefault(key);
            if (count < 0) throw Corrupt(record, $"outcome '{key}' counts {count}");
            total += count;
        }

        return total;
    }

    // FNV-1a: stable across processes (string.GetHashCode is randomised), so a split is reproducible.
    internal static uint StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash;
    }

    internal static InvalidDataException Corrupt(MemberWeekRecord record, string problem) =>
        new($"Learning-log record {record.MemberId}/{record.Week}: {problem}.");
}
