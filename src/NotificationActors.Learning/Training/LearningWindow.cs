using Microsoft.ML.Trainers;
using NotificationActors.Abstractions.Learning;
using NotificationActors.Learning.Bandit;
using NotificationActors.Policy.Time;

namespace NotificationActors.Learning.Training;

/// <summary>
/// The last weeks of a learning log, kept ready to train on: each week's records are checked and converted once, when
/// the week is added (its rows, and the ranker's sufficient statistics), so retraining on the window every week costs
/// the fits rather than re-reading and re-converting the weeks already seen. What a job retraining weekly on a sliding
/// window keeps between runs; the policy experiment's learning arm is one.
/// </summary>
public sealed class LearningWindow
{
    private readonly Queue<LearningWeek> _weeks = new();

    /// <summary>A window of at most <paramref name="weeks"/> weeks; the validation share splits the ranker's held-out sends as training will.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Fewer than one week, or a share outside [0, 0.5].</exception>
    public LearningWindow(int weeks, double validationShare = RewardTrainingOptions.DefaultValidationShare)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(weeks, 1);
        if (validationShare is < 0 or > 0.5 || double.IsNaN(validationShare))
            throw new ArgumentOutOfRangeException(nameof(validationShare), validationShare, "The validation share must be in [0, 0.5].");
        (Capacity, ValidationShare) = (weeks, validationShare);
    }

    /// <summary>The most weeks kept; adding one more drops the oldest.</summary>
    public int Capacity { get; }

    /// <summary>Share of members (by id hash) whose sends the ranker holds out.</summary>
    public double ValidationShare { get; }

    /// <summary>Weeks held.</summary>
    public int Weeks => _weeks.Count;

    /// <summary>
    /// The opt-out fits of the last training on this window, by head: the next week's window is mostly the same
    /// weeks, so its L-BFGS fits start there instead of from zero. Null before the first training.
    /// </summary>
    internal IReadOnlyDictionary<string, LinearBinaryModelParameters>? LastOptOutFits { get; set; }

    /// <summary>
    /// Adds week <paramref name="week"/>'s records (the log's read of that one week), dropping the oldest week when full.
    /// A record of another week, a member twice, a week not after the last one added or a record the models cannot use
    /// throws <see cref="InvalidDataException"/> naming it, and the window is unchanged.
    /// </summary>
    public async Task AddWeekAsync(string week, IAsyncEnumerable<MemberWeekRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (!IsoWeek.TryParse(week, out var parsed)) throw new ArgumentException($"'{week}' is not an ISO week such as 2026-W48.", nameof(week));
        if (_weeks.Count > 0 && parsed <= _weeks.Last().Week)
        {
            throw new InvalidDataException($"Week {parsed} is not after the window's last week, {_weeks.Last().Week}.");
        }

        var added = await LearningWeek.ReadAsync(parsed, records, (uint)(ValidationShare * uint.MaxValue), cancellationToken).ConfigureAwait(false);
        _weeks.Enqueue(added);
        if (_weeks.Count > Capacity) _weeks.Dequeue();
    }

    /// <summary>Every member's engaged days in each week held, oldest week first: the pre-period a live trial adjusts for.</summary>
    internal IEnumerable<KeyValuePair<string, int>> EngagedDays() => _weeks.SelectMany(w => w.EngagedDays);

    /// <summary>The window as one training set: weeks in order, each member's row linked to its next week when that week directly follows.</summary>
    internal LearningSet ToSet()
    {
        var weeks = _weeks.ToArray();
        var rows = new LearningRow[weeks.Sum(w => w.Rows.Length)];
        var at = 0;
        for (var i = 0; i < weeks.Length; i++)
        {
            var next = i + 1 < weeks.Length && weeks[i + 1].Week == weeks[i].Week.Next() ? weeks[i + 1] : null;
            for (var r = 0; r < weeks[i].Rows.Length; r++, at++)
            {
                rows[at] = weeks[i].Rows[r];
                if (next is not null && next.EngagedDays.TryGetValue(weeks[i].RowMembers[r], out var engaged)) rows[at].NextWeekEngagedDays = engaged;
            }
        }

        return new LearningSet(rows, weeks.Sum(w => w.Records), weeks.FirstOrDefault()?.Week.ToString(), weeks.LastOrDefault()?.Week.ToString(),
            BanditData.Sum(weeks.Select(w => w.Bandit)));
    }

    // One week's records converted: its planned rows (next week unknown until the window links them), whose member each
    // row is, every member's engaged days (a planned week links to any logged next week), and its logged sends.
    private sealed record LearningWeek(IsoWeek Week, LearningRow[] Rows, string[] RowMembers, Dictionary<string, int> EngagedDays, BanditData Bandit, int Records)
    {
        public static async Task<LearningWeek> ReadAsync(IsoWeek week, IAsyncEnumerable<MemberWeekRecord> records, uint validationBelow, CancellationToken cancellationToken)
        {
            var (rows, members, engaged, bandit) = (new List<LearningRow>(), new List<string>(), new Dictionary<string, int>(StringComparer.Ordinal), new BanditData());
            await foreach (var record in records.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                if (record.Week != week.ToString()) throw LearningSet.Corrupt(record, $"it is not of week {week}, the week being added");
                if (!engaged.TryAdd(record.MemberId, record.EngagedDays)) throw LearningSet.Corrupt(record, "the member has two records in the week");
                bandit.Add(record, validation: LearningSet.StableHash(record.MemberId) < validationBelow);
                if (record.PlanPush is not { } push || record.PlanEmail is not { } email) continue;
                rows.Add(LearningSet.Row(record, push, email));
                members.Add(record.MemberId);
            }

            return new LearningWeek(week, [.. rows], [.. members], engaged, bandit, engaged.Count);
        }
    }
}
