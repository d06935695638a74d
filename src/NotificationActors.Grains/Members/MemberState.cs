using NotificationActors.Abstractions.Learning;
using NotificationActors.Abstractions.Members;
using NotificationActors.Grains.Calibration;

namespace NotificationActors.Grains.Members;

/// <summary>Everything a member grain persists (one row per member in the grain storage).</summary>
[GenerateSerializer, SuppressReferenceTracking]
public sealed class MemberState
{
    [Id(0)] public MemberPreferences Preferences { get; set; } = new();

    /// <summary>Features imported by the platform (PUT features), e.g. tenureWeeks; replaced whole, never changed in place.</summary>
    [Id(1)] public IReadOnlyDictionary<string, double> ImportedFeatures { get; set; } = new Dictionary<string, double>(StringComparer.Ordinal);

    [Id(2)] public PlanState? Plan { get; set; }

    [Id(3)] public WeekState? Week { get; set; }

    /// <summary>Recently sent messages, oldest first (dedupe by message and title).</summary>
    [Id(4)] public List<SentMessage> Sent { get; set; } = [];

    [Id(5)] public LearnedFeatures Learned { get; set; } = new();

    /// <summary>
    /// Decisions still inside the replay window but not in <see cref="WeekState.Decisions"/> (the end of last week,
    /// or this week's beyond the learning log's cap), oldest first. The week's own decisions serve replays too, so
    /// no decision is stored twice.
    /// </summary>
    [Id(6)] public List<DecisionRecord> ReplayTail { get; set; } = [];

    /// <summary>Recent feedback and activity event ids, oldest first.</summary>
    [Id(7)] public List<string> RecentEventIds { get; set; } = [];

    [Id(8)] public bool ReminderRegistered { get; set; }

    /// <summary>
    /// The weekly reminder was registered alongside the state's first write and no write since has recorded that
    /// it succeeded: an activation that finds this registers it again, since a crash between the two could have
    /// stored the member without its reminder.
    /// </summary>
    [Id(10)] public bool ReminderUnconfirmed { get; set; }

    /// <summary>The first week the member was seen: tenure when no tenure is imported.</summary>
    [Id(9)] public string? FirstWeek { get; set; }

    /// <summary>The stored form of the preferences, imported features and plan last written; not itself stored.</summary>
    [field: NonSerialized]
    internal Format.EncodedHead? EncodedHead { get; set; }

    /// <summary>The stored form of the week's decisions last written; not itself stored.</summary>
    [field: NonSerialized]
    internal Format.EncodedDecisions? EncodedWeekDecisions { get; set; }

    /// <summary>The stored form of <see cref="ReplayTail"/> last written; not itself stored.</summary>
    [field: NonSerialized]
    internal Format.EncodedDecisions? EncodedReplayTail { get; set; }

    /// <summary>The stored form of <see cref="Sent"/> last written; not itself stored.</summary>
    [field: NonSerialized]
    internal Format.EncodedEntries<SentMessage>? EncodedSent { get; set; }

    /// <summary>The stored form of <see cref="RecentEventIds"/> last written; not itself stored.</summary>
    [field: NonSerialized]
    internal Format.EncodedEntries<string>? EncodedEventIds { get; set; }
}

/// <summary>
/// The plan of one week, with everything needed to explain it and to learn from it. What the planner chose is fixed
/// once made (the stored form of it is reused while the instance stands, <see cref="Format.EncodedHead"/>); the cap
/// and calibration below change within the week.
/// </summary>
[GenerateSerializer, SuppressReferenceTracking]
public sealed record PlanState
{
    [Id(0)] public required string Week { get; init; }
    [Id(1)] public required string Arm { get; init; }
    [Id(2)] public required string Policy { get; init; }
    [Id(3)] public int? Push { get; init; }
    [Id(4)] public int? Email { get; init; }
    [Id(5)] public required string Pacing { get; init; }
    [Id(6)] public required string ModelVersion { get; init; }
    [Id(7)] public double Propensity { get; init; }
    [Id(8)] public bool Explored { get; init; }
    [Id(9)] public double Utility { get; init; }
    [Id(10)] public IReadOnlyDictionary<string, double> Terms { get; init; } = new Dictionary<string, double>(StringComparer.Ordinal);
    [Id(11)] public IReadOnlyDictionary<string, double> Features { get; init; } = new Dictionary<string, double>(StringComparer.Ordinal);
    [Id(12)] public DateTimeOffset PlannedAt { get; init; }

    /// <summary>The week's in-app cap; null under the baseline policy.</summary>
    [Id(13)] public int? InApp { get; set; }

    /// <summary>
    /// The budgets left standing after a strong signal within the week (an opt-out, a run of dismissals) made the
    /// slow policy cut them; null until then. The plan's own frequencies stay as planned: the learning log records
    /// the action the week was assigned, and the cut is the policy's reaction to it.
    /// </summary>
    [Id(14)] public BudgetCut? Cut { get; set; }

    /// <summary>The opt-out scales the plan's budgets were set with and its model's own opt-out predictions; null when off or under the baseline.</summary>
    [Id(15)] public PlanCalibration? Calibration { get; set; }

    /// <summary>
    /// Whether the other side of the version trial running when the week was planned would have planned it differently
    /// (push, email or in-app cap, with the same draws); null when none ran or the arm is not hierarchical.
    /// </summary>
    [Id(16)] public bool? TrialPlansDiffer { get; set; }

    /// <summary>What the plan charged for losing each channel; null under the baseline.</summary>
    [Id(17)] public OptOutPrices? OptOutPrices { get; set; }
}

/// <summary>
/// The population's opt-out scales a plan's budgets were last set with (at planning, or at a cut within the week when
/// they rose), and the unscaled weekly opt-out probabilities its model gave the planned frequencies: each message sent
/// carries its share of them into the population's tally.
/// </summary>
[GenerateSerializer, SuppressReferenceTracking]
public sealed record PlanCalibration(
    [property: Id(0)] double PushScale,
    [property: Id(1)] double EmailScale,
    [property: Id(2)] double PushOptOut,
    [property: Id(3)] double EmailOptOut)
{
    /// <summary>The scales as the engine prices with them.</summary>
    public OptOutScale Scale => new(PushScale, EmailScale);
}

/// <summary>Budgets a strong signal within the week cut the plan's to, never below what was already sent.</summary>
[GenerateSerializer, SuppressReferenceTracking]
public sealed record BudgetCut(
    [property: Id(0)] int Push,
    [property: Id(1)] int Email,
    [property: Id(2)] int InApp,
    [property: Id(3)] DateTimeOffset At);

/// <summary>Counters of the current week: sends, decisions, outcomes, activity and opportunities seen.</summary>
[GenerateSerializer, SuppressReferenceTracking]
public sealed class WeekState
{
    [Id(0)] public required string Week { get; set; }
    [Id(1)] public int PushSent { get; set; }
    [Id(2)] public int EmailSent { get; set; }
    [Id(3)] public int InAppSent { get; set; }
    [Id(4)] public int TransactionalSent { get; set; }
    [Id(5)] public List<DecisionRecord> Decisions { get; set; } = [];
    [Id(6)] public Dictionary<string, int> Outcomes { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Bit d set when the member was active on day d (Monday = 0) of the UTC week.</summary>
    [Id(7)] public int EngagedDayMask { get; set; }
    [Id(8)] public double ActivityMinutes { get; set; }

    /// <summary>Opportunities that carried a candidate, by channel (push, email, in-app) and kind (daily, launch, session): <see cref="OpportunityCounts"/>.</summary>
    [Id(9)] public int[] Opportunities { get; set; } = new int[OpportunityCounts.Length];
    [Id(10)] public List<MessageChannel> OptedOut { get; set; } = [];

    public int EngagedDays => System.Numerics.BitOperations.PopCount((uint)EngagedDayMask);
}

/// <summary>A message sent to the member.</summary>
[GenerateSerializer, SuppressReferenceTracking]
public sealed record SentMessage(
    [property: Id(0)] string MessageId,
    [property: Id(1)] string? TitleId,
    [property: Id(2)] string Category,
    [property: Id(3)] MessageChannel Channel,
    [property: Id(4)] DateTimeOffset SentAt);

/// <summary>What the grain has learned about the member from closed weeks (exponentially weighted).</summary>
[GenerateSerializer, SuppressReferenceTracking]
public sealed class LearnedFeatures
{
    [Id(0)] public double? EngagedDaysPerWeek { get; set; }
    [Id(1)] public double PushSends { get; set; }
    [Id(2)] public double PushOpens { get; set; }
    [Id(3)] public double EmailSends { get; set; }
    [Id(4)] public double EmailOpens { get; set; }
    [Id(5)] public double Dismisses { get; set; }
    [Id(6)] public double RecentPushPerWeek { get; set; }
    [Id(7)] public double RecentEmailPerWeek { get; set; }

    /// <summary>Opportunities per week by channel and kind (as <see cref="WeekState.Opportunities"/>); null until a week closed.</summary>
    [Id(8)] public double[]? OpportunitiesPerWeek { get; set; }
    [Id(9)] public int WeeksClosed { get; set; }

    /// <summary>The ranker whose scores <see cref="RelevancePowers"/> averages: another ranker's scores are on another scale, so a new one starts a new mean.</summary>
    [Id(11)] public string? RelevanceRanker { get; set; }

    /// <summary>
    /// Running mean of the best candidate's score to the power <see cref="Policy.Pacing.PacingGate.RelevanceExponent"/> per
    /// channel (push, email); null until an opportunity was scored. A new field id, not field 10's mean of squares:
    /// state written before the exponent rose starts a new mean instead of misreading the old one.
    /// </summary>
    [Id(12)] public double[]? RelevancePowers { get; set; }

    [Id(13)] public double InAppSends { get; set; }
    [Id(14)] public double InAppOpens { get; set; }
    [Id(15)] public double RecentInAppPerWeek { get; set; }

    /// <summary>Opens and sends over all channels, kept longer than the per-channel rates: the yardstick a falling open rate is read against.</summary>
    [Id(16)] public double LongRunOpens { get; set; }
    [Id(17)] public double LongRunSends { get; set; }

    /// <summary>1 when the member opted out of or unsubscribed from a channel, fading week by week.</summary>
    [Id(18)] public double RecentOptOut { get; set; }

    /// <summary>When the member was last active (a session or a play).</summary>
    [Id(19)] public DateTimeOffset? LastEngaged { get; set; }

    /// <summary>A copy to fold an open week into without touching these (the arrays are replaced by a fold, never written in place).</summary>
    internal LearnedFeatures Copy() => (LearnedFeatures)MemberwiseClone();
}
