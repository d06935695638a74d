using System.Buffers;
using System.Globalization;
using Microsoft.Extensions.Logging;
using NotificationActors.Abstractions.Learning;
using NotificationActors.Abstractions.Members;
using NotificationActors.Grains.Calibration;
using NotificationActors.Grains.Experiments;
using NotificationActors.Learning.Contracts;
using NotificationActors.Grains.Policies;
using NotificationActors.Grains.Telemetry;
using NotificationActors.Policy.Actions;
using NotificationActors.Policy.Fast;
using NotificationActors.Policy.Pacing;
using NotificationActors.Policy.Slow;
using NotificationActors.Policy.Time;

namespace NotificationActors.Grains.Members;

/// <summary>
/// One member's state and its rules, without the Orleans runtime: the week cycle (close, open, plan, recalibrate),
/// deciding an opportunity inside the plan, applying feedback and activity, and the in-memory indexes over the
/// persisted windows. Everything here is synchronous; what needs a call out (the learning log, the population's
/// opt-out scale, storage) is the grain's, which passes the results in. One activation's turn at a time.
/// </summary>
internal sealed partial class MemberModel
{
    /// <summary>How long after a send an open, click or play still counts as the bandit's immediate outcome.</summary>
    public static readonly TimeSpan EngagementWindow = TimeSpan.FromHours(24);

    // The reverse of PacingName, built from it so the two directions cannot drift apart.
    private static readonly Dictionary<string, PacingProfile> PacingByName =
        Enum.GetValues<PacingProfile>().ToDictionary(PacingName, StringComparer.Ordinal);

    // The week's outcome counters are keyed "channel.type" (e.g. push.opened); built once, not per event.
    private static readonly Dictionary<(MessageChannel?, FeedbackType), string> OutcomeKeys =
        (from channel in Enum.GetValues<MessageChannel>().Select(c => (MessageChannel?)c).Append(null)
         from type in Enum.GetValues<FeedbackType>()
         select (channel, type)).ToDictionary(k => k, k => $"{(k.channel is { } c ? WireName(c) : "unknown")}.{WireName(k.type)}");

    // A decision draws synchronously, so one reseeded generator per thread serves every member's decisions.
    [ThreadStatic]
    private static DecisionDraws? _draws;

    // Planning is synchronous too: one workspace (six values per action, 4.7 KB on the default grid) per thread, and one
    // for the other side of a version's trial, whose model may have another number of reward terms than the member's.
    [ThreadStatic]
    private static PlanningWorkspace? _workspace;

    [ThreadStatic]
    private static PlanningWorkspace? _counterpartWorkspace;

    private readonly PolicyEngine _engine;
    private readonly MemberClock _clock;
    private readonly MemberGrainOptions _options;
    private readonly MemberTelemetry _telemetry;
    private readonly ILogger _logger;

    // Indexes over the persisted windows, rebuilt from the state, so lookups on the hot path are O(1).
    private readonly HashSet<string> _sentMessageIds = new(StringComparer.Ordinal);
    private readonly HashSet<string> _sentTitleIds = new(StringComparer.Ordinal);
    private readonly HashSet<string> _eventIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DecisionRecord> _decisions = new(StringComparer.Ordinal);
    private readonly HashSet<string> _muted = new(StringComparer.Ordinal);
    private readonly MemberContext _context = new();
    private string? _rankingArm;
    private readonly Dictionary<string, DateTimeOffset> _lastSentByCategory = new(StringComparer.Ordinal);

    // The plan whose tallies were last keyed, and their calibration.
    private (PlanState? Plan, string Key) _calibrationOf;

    // Sends a trim takes out of the history, reused; past this many the indexes are rebuilt instead of unindexed one by one.
    private readonly List<SentMessage> _evicted = [];
    private const int MaxEvictionsForgotten = 8;

    // The earliest send State.Sent holds, when known: most trims evict nothing, and this says so without reading every
    // send (each a cache miss in a large heap), a fiftieth of the policy experiment's processor time.
    private DateTimeOffset? _oldestSend;

    // The last two week texts parsed (the open week's and the plan's): the state holds the same string instances call
    // after call, and parsing them several times a call showed in the experiment's profile.
    private (string? Text, IsoWeek? Week) _weekMemo, _otherWeekMemo;

    // The last call's new decisions, reused by the next: the grain takes one call at a time and reads them within it.
    private readonly List<Decided> _fresh = [];

    // A member's weeks are alike: a new week's decision list starts at the size the last one reached, not growing
    // through 4, 8 and 16 records every week.
    private int _lastWeekDecisions;

    public MemberModel(string memberId, MemberState state, PolicyEngine engine, MemberGrainOptions options, MemberClock clock, MemberTelemetry telemetry, ILogger logger)
    {
        MemberId = memberId;
        State = state;
        _engine = engine;
        _options = options;
        _clock = clock;
        _telemetry = telemetry;
        _logger = logger;
        RebuildIndexes();
    }

    public string MemberId { get; }

    /// <summary>The state this model reads and changes; the grain persists it.</summary>
    public MemberState State { get; }

    /// <summary>
    /// The population's open and dismiss rates as of the last plan or call (<see cref="MemberCalibration"/>): not persisted, as the
    /// calibration grain holds them and the next call reads them again.
    /// </summary>
    public PopulationRates PopulationRates { get; set; }

    // What a member without history is assumed to be like: the served priors, with the open and dismiss rates members were seen to have.
    private PopulationPriors Priors => _engine.Priors.WithObservedRates(PopulationRates.Push, PopulationRates.Email, PopulationRates.Dismiss);

    // Contributions to the population's opt-out tallies since the last write.
    private readonly List<(string Key, DateOnly Day, OptOutTally Tally)> _unwrittenTallies = [];

    /// <summary>
    /// The contributions to the population's opt-out tallies since the last call, for the grain to hand over once the
    /// state holding the sends and opt-outs they count is written.
    /// </summary>
    public (string Key, DateOnly Day, OptOutTally Tally)[] TakeUnwrittenTallies()
    {
        var taken = _unwrittenTallies.ToArray();
        _unwrittenTallies.Clear();
        return taken;
    }

    /// <summary>The decision already made for <paramref name="opportunityId"/>, if it is still in the replay window.</summary>
    public SendDecision? Replay(string opportunityId) => _decisions.TryGetValue(opportunityId, out var first) ? ToSendDecision(first) : null;

    /// <summary>Whether the event is in the window of applied events (a replay changes nothing).</summary>
    public bool KnowsEvent(string eventId) => _eventIds.Contains(eventId);

    /// <summary>Whether a decision for the opportunity is held for replays.</summary>
    public bool KnowsOpportunity(string opportunityId) => _decisions.ContainsKey(opportunityId);

    /// <summary>The opportunities <paramref name="current"/> has taken so far (none when the open week is an earlier one).</summary>
    public int OpportunitiesIn(IsoWeek current) => State.Week is { } open && TryWeekOf(open.Week) == current ? open.Decisions.Count : 0;

    /// <summary>The member's time zone, for the times its calls carry.</summary>
    public TimeZoneInfo TimeZone => _context.TimeZone;

    /// <summary>Whether the category is muted.</summary>
    public bool IsMuted(string category) => _muted.Contains(category);

    /// <summary>How many categories are muted.</summary>
    public int MutedCount => _muted.Count;

    /// <summary>The member's preferences, muted categories once each.</summary>
    public void SetPreferences(MemberPreferences preferences)
    {
        State.Preferences = preferences with { MutedCategories = preferences.MutedCategories.Distinct(StringComparer.Ordinal).ToArray() };
        RefreshPreferences();
    }

    /// <summary>Features the platform knows of the member, read by the next plan.</summary>
    public void SetFeatures(IReadOnlyDictionary<string, double> features) =>
        State.ImportedFeatures = new Dictionary<string, double>(features, StringComparer.Ordinal);

    /// <summary>
    /// When the weekly reminder first fires: at the start of next week plus an offset spread by a hash of the id, so
    /// millions of plans do not fire at once.
    /// </summary>
    public TimeSpan FirstReminderDue(DateTimeOffset now) =>
        IsoWeek.Containing(now).End + (_options.ReminderSpread * MemberHash.Unit("reminder|" + MemberId)) - now;

    /// <summary>The week the member is in at <paramref name="now"/>: weeks only move forward, never back before the open one.</summary>
    public IsoWeek CurrentWeek(DateTimeOffset now)
    {
        var current = IsoWeek.Containing(now);
        return State.Week is { } open && WeekOf(open.Week) is var openWeek && openWeek >= current ? openWeek : current;
    }

    /// <summary>Whether an open week other than <paramref name="current"/> must close before it.</summary>
    public bool HasWeekToClose(IsoWeek current) => State.Week is { } open && TryWeekOf(open.Week) != current;

    /// <summary>The learning-log record of the open week when its plan is the week's own: the grain appends it before closing.</summary>
    public MemberWeekRecord? ClosingRecord() =>
        State.Plan is { } plan && State.Week is { } week && plan.Week == week.Week ? LearningRecord(plan, week) : null;

    /// <summary>Closes the open week into the learned features, leaving no week open.</summary>
    public void CloseWeek(IsoWeek current)
    {
        var week = State.Week ?? throw new InvalidOperationException("No week is open.");

        // The closing week's last decisions stay replayable across the week boundary.
        State.ReplayTail.AddRange(week.Decisions.Skip(Math.Max(0, week.Decisions.Count - _options.OpportunityWindow)));
        TrimReplayTail();
        foreach (var decision in week.Decisions.Take(Math.Max(0, week.Decisions.Count - _options.OpportunityWindow)))
        {
            _decisions.Remove(decision.OpportunityId);
        }

        var closed = WeekOf(week.Week);
        var silentWeeks = Math.Max(0, (int)Math.Round((current.Start - closed.End).TotalDays / 7));
        WeeklyLearning.Fold(State.Learned, week, silentWeeks, State.ImportedFeatures);
        TrimHistory();
        _lastWeekDecisions = week.Decisions.Count;
        State.Week = null;
        LogWeekClosed(_logger, MemberId, week.Week, week.EngagedDays, week.PushSent, week.EmailSent);
    }

    /// <summary>Opens <paramref name="current"/> when no week is open; returns whether it did.</summary>
    public bool OpenWeek(IsoWeek current)
    {
        if (State.Week is not null) return false;
        State.Week = new WeekState { Week = current.ToString(), Decisions = new(_lastWeekDecisions) };
        State.FirstWeek ??= State.Week.Week;
        return true;
    }

    /// <summary>Whether <paramref name="current"/> has no plan yet.</summary>
    public bool NeedsPlan(IsoWeek current) => State.Plan is null || TryWeekOf(State.Plan.Week) != current;

    /// <summary>
    /// The arm a plan is made on: <paramref name="arm"/> while it is configured (a member's arm changes only at a new
    /// week: a mid-week replan keeps the arm its week started with), else the member's assignment.
    /// </summary>
    public ArmOptions ArmOf(string? arm) => (arm is null ? null : _engine.Arm(arm)) ?? _engine.Assign(MemberId);

    /// <summary>
    /// The calibration whose population opt-out scale may cut the plan's budgets within the week: that of the policy's
    /// own calibrated plans while their model still serves; null otherwise.
    /// </summary>
    public string? RecalibrationKey() =>
        _options.CalibrateOptOuts && State.Plan is { Calibration: not null } plan && plan.Policy == PolicyName(ArmPolicy.Hierarchical)
        && _engine.Arm(plan.Arm) is { } arm && _engine.SlowPolicy(arm, MemberId).Model.Version == plan.ModelVersion
            ? CalibrationKey(plan)
            : null;

    /// <summary>
    /// The population's opt-out scale of the champion a challenger's plans are anchored to (the second of
    /// <see cref="PolicyEngine.OptOutLineages(ArmOptions, string)"/>), as the grain last read it for the day: a cut within the week draws the
    /// region around the champion's plan at this price. Null when the plan's model has no champion of another lineage or
    /// the grain has not read it since activating; the cut then prices the champion at the plan's own scale.
    /// </summary>
    public OptOutScale? AnchorScale { get; set; }

    /// <summary>The calibration of the champion the plan's model is anchored to, when it is of another lineage (<see cref="AnchorScale"/>); null otherwise.</summary>
    public string? AnchorCalibrationKey() =>
        State.Plan is { } plan && _engine.Arm(plan.Arm) is { } arm ? AnchorCalibrationKeyFor(arm) : null;

    /// <summary>The calibration of the champion a plan made now on <paramref name="arm"/> is anchored to, when it is of another lineage; null otherwise.</summary>
    public string? AnchorCalibrationKeyFor(ArmOptions arm) => AnchorCalibrationKeyFor(arm, _engine.SlowPolicy(arm, MemberId));

    /// <summary>The calibration of the champion <paramref name="policy"/>'s plans on <paramref name="arm"/> are anchored to, when it is of another lineage; null otherwise.</summary>
    public static string? AnchorCalibrationKeyFor(ArmOptions arm, SlowPolicy policy) =>
        PolicyEngine.OptOutLineages(policy) is { Count: > 1 } lineages ? CalibrationGrains.Key(arm.Name, lineages[1]) : null;

    /// <summary>The calibration a plan made now on <paramref name="arm"/> prices opt-outs with: the arm's, for the lineage of the model the member plans with.</summary>
    public string CalibrationKeyFor(ArmOptions arm) => CalibrationKeyFor(arm, _engine.SlowPolicy(arm, MemberId));

    /// <summary>The calibration <paramref name="policy"/>'s plans on <paramref name="arm"/> price opt-outs with: the arm's, for the lineage of its model.</summary>
    public static string CalibrationKeyFor(ArmOptions arm, SlowPolicy policy) => CalibrationGrains.Key(arm.Name, policy.Model);

    // The calibration a plan's messages count in: its arm's, for the opt-out lineage of the model the member plans with
    // (an arm's lineage changes once, when its first trained version serves), or of the plan's own version once the arm
    // is gone. Kept per plan: every send, open and opt-out asks.
    private string CalibrationKey(PlanState plan)
    {
        if (!ReferenceEquals(plan, _calibrationOf.Plan))
        {
            _calibrationOf = (plan, _engine.Arm(plan.Arm) is { } arm ? CalibrationKeyFor(arm) : CalibrationGrains.Key(plan.Arm, plan.ModelVersion));
        }

        return _calibrationOf.Key;
    }

    /// <summary>
    /// Cuts the budgets left when <paramref name="lowerScale"/>, the low end of the population's scale, has risen far enough
    /// above the plan's scale, re-reading them at <paramref name="scale"/>; returns whether it did.
    /// </summary>
    // The population's opt-outs arrive day by day: once they have raised a channel's scale well above the one the
    // plan's budgets were set with, by more than their noise, the budgets left are re-read at the new price, as after a
    // strong signal. A scale that fell waits for next week's plan.
    public bool Recalibrate(OptOutScale scale, OptOutScale lowerScale, DateTimeOffset now)
    {
        var plan = State.Plan!;
        var calibration = plan.Calibration!;
        var was = calibration.Scale;
        if (!was.RisesTo(lowerScale, _options.RecalibrationStep))
        {
            return false;
        }

        plan.Calibration = calibration with { PushScale = Math.Max(was.Push, scale.Push), EmailScale = Math.Max(was.Email, scale.Email) };
        CutBudgets(State.Week!, now);
        return true;
    }

    /// <summary>The current plan as callers see it.</summary>
    public PlanView PlanView() => PlanView(State.Plan!, State.Week!);

    /// <summary>Everything stored about the member.</summary>
    public MemberView View()
    {
        var week = State.Week!;
        return new MemberView
        {
            MemberId = MemberId,
            Preferences = State.Preferences,
            Features = State.ImportedFeatures,
            Plan = PlanView(State.Plan!, week),
            RecentDecisions = week.Decisions,
            RecentMessageIds = State.Sent.Select(m => m.MessageId).ToArray(),
            RecentTitleIds = State.Sent.Where(m => m.TitleId is not null).Select(m => m.TitleId!).ToArray(),
            DerivedFeatures = MemberFeatureBuilder.Build(State, WeekOf(week.Week), Priors).Describe(),
            EngagedDaysThisWeek = week.EngagedDays,
            OutcomesThisWeek = week.Outcomes,
        };
    }

    /// <summary>The UTC day of <paramref name="time"/>: the population's tallies and scales go by it.</summary>
    public static DateOnly Day(DateTimeOffset time) => DateOnly.FromDateTime(time.UtcDateTime);


    /// <summary>
    /// Fills in a batch's decisions in order (keeping those <see cref="Replays"/> found), each opportunity already
    /// decided answered as it was; returns the new ones, for the grain to count once written (a list the next call reuses).
    /// </summary>
    public IReadOnlyList<Decided> Decide(IReadOnlyList<SendOpportunity> opportunities, SendDecision[] decisions)
    {
        var fresh = _fresh;
        fresh.Clear();
        for (var i = 0; i < decisions.Length; i++)
        {
            // Answered before the week rolled, or an id this batch already decided.
            if (decisions[i] is not null) continue;
            if (Replay(opportunities[i].OpportunityId) is { } first)
            {
                decisions[i] = first;
                continue;
            }

            var decided = DecideAndRecord(opportunities[i]);
            fresh.Add(decided);
            decisions[i] = decided.Decision;
        }

        return fresh;
    }

    /// <summary>
    /// A batch's first answers, taken before anything else in the call runs: rolling the week forgets most of the
    /// closing week's decisions, and a replay must still get its first answer. The rest are null, for
    /// <see cref="Decide(IReadOnlyList{SendOpportunity}, SendDecision[])"/> to fill.
    /// </summary>
    public SendDecision[] Replays(IReadOnlyList<SendOpportunity> opportunities)
    {
        var decisions = new SendDecision[opportunities.Count];
        for (var i = 0; i < decisions.Length; i++)
        {
            decisions[i] = Replay(opportunities[i].OpportunityId)!;
        }

        return decisions;
    }

    // Decides a new opportunity of the current week and records it in the state (not yet written).
    public Decided DecideAndRecord(SendOpportunity opportunity)
    {
        var plan = State.Plan!;
        var week = State.Week!;
        // The policy's view of the candidates lives only for this decision: a pooled array, cleared of its strings after.
        var count = opportunity.Candidates.Count;
        var pooled = ArrayPool<Candidate>.Shared.Rent(count);
        Decision outcome;
        var fast = plan.Policy == PolicyName(ArmPolicy.Baseline) ? null : _engine.Fast(RankingArm);
        var challenger = fast is null ? null : _engine.RankerChallenger(RankingArm);
        var pacingVersion = fast?.PacingScorer.Version ?? RelevanceScorer.RelevanceVersion;
        try
        {
            for (var i = 0; i < count; i++) pooled[i] = ToPolicyCandidate(opportunity.Candidates[i]);
            CountOpportunity(week, opportunity);
            TrimHistory();
            outcome = Decide(plan, week, opportunity, pooled.AsSpan(0, count), fast, challenger, pacingVersion);
        }
        finally
        {
            ArrayPool<Candidate>.Shared.Return(pooled, clearArray: true);
        }

        RelevanceYardstick.Learn(State.Learned, pacingVersion, outcome.PushBestScore, outcome.EmailBestScore, outcome.InAppBestScore);
        var chosen = outcome.Send ? opportunity.Candidates[outcome.CandidateIndex] : null;
        // A pacing hold records the best candidate the coins held back, so the send and the hold compare like for like.
        var described = chosen ?? (outcome.Reason == DecisionReason.Pacing && outcome.BestIndex >= 0 ? opportunity.Candidates[outcome.BestIndex] : null);
        var decision = new SendDecision
        {
            OpportunityId = opportunity.OpportunityId,
            Send = outcome.Send,
            MessageId = chosen?.MessageId,
            Channel = chosen?.Channel,
            Reason = outcome.Reason.ToWireName(),
            Propensity = outcome.Propensity,
            PlanWeek = plan.Week,
            Arm = plan.Arm,
        };
        // What the rankers saw of the message, taken before a send resets the category's rest.
        var record = new DecisionRecord
        {
            OpportunityId = decision.OpportunityId,
            Time = opportunity.Time,
            Kind = opportunity.Kind,
            Send = decision.Send,
            MessageId = decision.MessageId,
            Channel = decision.Channel,
            Reason = decision.Reason,
            Propensity = decision.Propensity,
            PlanWeek = decision.PlanWeek,
            Arm = decision.Arm,
            RankerVersion = (outcome.ChallengerDecided ? challenger : fast)?.Scorer.Version ?? RelevanceScorer.RelevanceVersion,
            RankerDuel = outcome.RankerDuel,
            RankingArm = fast is null ? null : RankingArm,
            Category = described?.Category,
            Relevance = described?.Relevance,
            HoursSinceCategory = described is not null && _lastSentByCategory.TryGetValue(described.Category, out var last) ? (opportunity.Time - last).TotalHours : null,
            HoursToExpiry = described?.ExpiresAt is { } expiry ? (expiry - opportunity.Time).TotalHours : null,
            SendProbability = double.IsNaN(outcome.SendProbability) ? null : outcome.SendProbability,
            BestSendProbability = double.IsNaN(outcome.BestSendProbability) ? null : outcome.BestSendProbability,
            HeldChannel = chosen is null ? described?.Channel : null,
        };
        if (chosen is not null)
        {
            RecordSend(week, chosen, opportunity.Time);
            if (chosen.Priority != MessagePriorityLevel.Transactional)
            {
                Tally(plan, chosen.Channel, sent: 1, opens: 0, optedOut: 0);
            }
        }

        Remember(week, record);
        return new Decided(decision, chosen, record.RankingArm);
    }

    private void ApplyFeedback(WeekState week, FeedbackEvent feedback)
    {
        var channel = feedback.Channel ?? SentChannel(feedback.MessageId);
        var key = OutcomeKeys[(channel, feedback.Type)];
        week.Outcomes[key] = week.Outcomes.GetValueOrDefault(key) + 1;
        if (feedback.Type is FeedbackType.Opened or FeedbackType.Clicked or FeedbackType.Played && feedback.MessageId is { } messageId)
        {
            MarkEngaged(week, messageId, feedback.Time, feedback.Type == FeedbackType.Played);
        }

        if (feedback.Type is FeedbackType.Opened or FeedbackType.Dismissed && channel is { } answered && State.Plan is { } answeredPlan && answeredPlan.Week == week.Week)
        {
            var opened = feedback.Type == FeedbackType.Opened ? 1 : 0;
            Tally(answeredPlan, answered, sent: 0, opens: opened, optedOut: 0, dismissed: 1 - opened);
        }

        // Opt-outs and unsubscribes change preferences at once: the very next decision sees them, and the budgets
        // of the channels still open are re-read, as after a run of dismissals.
        var strongSignal = feedback.Type == FeedbackType.Dismissed && _options.StrongDismissals > 0 && WeeklyLearning.Dismissals(week) >= _options.StrongDismissals;
        if (feedback.Type == FeedbackType.OptedOut || (feedback.Type == FeedbackType.Unsubscribed && feedback.Category is null))
        {
            // An opt-out of a channel already off changes only the week's count: the week's list holds each channel
            // once, and the population's tally an opt-out once.
            var optedOut = feedback.Channel!.Value;
            if (IsOn(State.Preferences.Channels, optedOut))
            {
                State.Preferences = State.Preferences with { Channels = Switch(State.Preferences.Channels, optedOut, on: false) };
                if (!week.OptedOut.Contains(optedOut)) week.OptedOut.Add(optedOut);
                State.Learned.RecentOptOut = 1;
                if (State.Plan is { } plan && plan.Week == week.Week)
                {
                    Tally(plan, optedOut, sent: 0, opens: 0, optedOut: 1);
                }

                strongSignal = true;
                _telemetry.OptedOut(WireName(optedOut), WireName(feedback.Type));
                RefreshPreferences();
            }
        }
        else if (feedback.Type == FeedbackType.Unsubscribed && !State.Preferences.MutedCategories.Contains(feedback.Category!))
        {
            // An array, not a collection expression: Orleans' JSON storage cannot name the type that would make.
            State.Preferences = State.Preferences with { MutedCategories = State.Preferences.MutedCategories.Append(feedback.Category!).ToArray() };
            _telemetry.OptedOut(channel is { } muted ? WireName(muted) : "unknown", "unsubscribed-category");
            RefreshPreferences();
        }

        if (strongSignal)
        {
            CutBudgets(week, _clock.Now);
        }
    }

    // The channel a message id was last sent on, for feedback that does not say (a lambda here made a closure per event).
    private MessageChannel? SentChannel(string? messageId)
    {
        for (var i = State.Sent.Count - 1; i >= 0; i--)
        {
            if (State.Sent[i].MessageId == messageId) return State.Sent[i].Channel;
        }

        return null;
    }

    // A strong signal within the week: the slow policy re-reads the member with the open week's dismissals, opens and
    // opt-outs folded in, and the budgets left fall to what its new weekly plan allows for the rest of the week. Budgets
    // only fall (never below what was sent), only for the policy's own plans: fixed and oracle arms are yardsticks.
    private void CutBudgets(WeekState week, DateTimeOffset now)
    {
        if (State.Plan is not { } plan || plan.Week != week.Week || plan.Policy != PolicyName(ArmPolicy.Hierarchical)
            || _engine.Arm(plan.Arm) is not { } arm)
        {
            return;
        }

        var weekOf = WeekOf(week.Week);
        var signals = State.Learned.Copy();
        WeeklyLearning.Fold(signals, week, silentWeeksAfter: 0, State.ImportedFeatures);
        var priors = Priors;
        var folded = MemberFeatureBuilder.Build(State, weekOf, priors, now, signals);

        // Activity and exposure of a week not yet over would read low; only the signals come from the open week.
        var features = MemberFeatureBuilder.Build(State, weekOf, priors, now) with
        {
            PushOpenRate = folded.PushOpenRate,
            EmailOpenRate = folded.EmailOpenRate,
            InAppOpenRate = folded.InAppOpenRate,
            DismissRate = folded.DismissRate,
            OpenRateTrend = folded.OpenRateTrend,
            RecentOptOut = folded.RecentOptOut,
        };
        var scale = plan.Calibration?.Scale ?? OptOutScale.None;
        var slow = _engine.SlowPolicy(arm, MemberId, scale, AnchorScale ?? scale);
        var workspace = Workspace(slow);
        var optedIn = OptedIn(State.Preferences.Channels);
        var weekly = slow.Grid[slow.Evaluate(features, optedIn, workspace)];
        var (inAppCap, _) = slow.InAppCap(features, weekly, optedIn, workspace);
        var left = Math.Clamp((weekOf.End - now).TotalDays / 7, 0, 1);
        var budget = Budget(plan);
        var cut = new BudgetCut(
            Lowered(budget.Push, week.PushSent, weekly.Push),
            Lowered(budget.Email, week.EmailSent, weekly.Email),
            Lowered(budget.InApp, week.InAppSent, inAppCap),
            now);
        if (cut.Push < budget.Push || cut.Email < budget.Email || cut.InApp < budget.InApp)
        {
            plan.Cut = cut;
            LogBudgetCut(_logger, MemberId, week.Week, cut.Push, cut.Email, cut.InApp);
        }

        int Lowered(int current, int sent, int weeklyBudget) => Math.Min(current, Math.Max(sent, sent + (int)Math.Round(weeklyBudget * left)));
    }

    private void ApplyActivity(WeekState week, ActivityEvent activity)
    {
        if (State.Learned.LastEngaged is not { } last || activity.Time > last)
        {
            State.Learned.LastEngaged = activity.Time;
        }

        // Only this week's activity counts: a closed week's reward is already in the learning log.
        var day = (int)Math.Floor((activity.Time - WeekOf(week.Week).Start).TotalDays);
        if (day is >= 0 and < 7)
        {
            week.EngagedDayMask |= 1 << day;
            week.ActivityMinutes += activity.Minutes;
        }
    }

    // A send under the plan's budget, an open, a dismissal or an opt-out of its channel, for the population's tally of the
    // plan's calibration: a push or email carries its share of the plan's predicted weekly opt-out probability on its channel.
    private void Tally(PlanState plan, MessageChannel channel, int sent, int opens, int optedOut, int dismissed = 0)
    {
        if (plan.Calibration is not { } calibration) return;
        var tally = channel switch
        {
            MessageChannel.Push when plan.Push is > 0 => new OptOutTally(sent, sent * calibration.PushOptOut / plan.Push.Value, optedOut, 0, 0, 0, PushOpens: opens, Dismisses: dismissed),
            MessageChannel.Email when plan.Email is > 0 => new OptOutTally(0, 0, 0, sent, sent * calibration.EmailOptOut / plan.Email.Value, optedOut, EmailOpens: opens, Dismisses: dismissed),
            MessageChannel.InApp => new OptOutTally(0, 0, 0, 0, 0, 0, InAppSends: sent, Dismisses: dismissed),
            _ => null,
        };
        if (tally is not null) _unwrittenTallies.Add((CalibrationKey(plan), Day(_clock.Now), tally));
    }

    /// <summary>
    /// The plan of <paramref name="week"/> on <paramref name="armOptions"/>: the slow policy's own, or frequencies the arm
    /// pins, with the in-app cap, the utility's terms and the opt-out calibration it was made with. While a version is on
    /// trial, <paramref name="counterpart"/> is the other side's slow policy (<see cref="PolicyEngine.TrialCounterpart"/>),
    /// priced at its own scales, and the plan records whether it would have planned the week differently.
    /// </summary>
    public PlanState MakePlan(IsoWeek week, DateTimeOffset now, ArmOptions armOptions, SlowPolicy slow, OptOutScale scale, SlowPolicy? counterpart = null)
    {
        var features = MemberFeatureBuilder.Build(State, week, Priors);
        var optedIn = OptedIn(State.Preferences.Channels);
        var workspace = Workspace(slow);
        var seed = MemberHash.Seed($"{MemberId}|{week}|plan");
        var random = new Random(seed);
        PlanChoice choice;
        int? pinnedInApp = null;
        switch (armOptions.Policy)
        {
            case ArmPolicy.Hierarchical:
                choice = slow.Plan(features, optedIn, workspace, random);
                break;
            case ArmPolicy.Fixed:
                choice = Pinned(armOptions.FixedPush, armOptions.FixedEmail);
                pinnedInApp = armOptions.FixedInApp;
                break;
            case ArmPolicy.Oracle:
                var (oraclePush, oracleEmail, oracleInApp) = (_engine.Oracle ?? throw new InvalidOperationException("An oracle arm needs an oracle.")).Plan(MemberId, week);
                choice = Pinned(oraclePush, oracleEmail);
                pinnedInApp = oracleInApp;
                break;
            default:
                choice = slow.Plan(features, optedIn, workspace, random);
                break;
        }

        // The in-app cap: the slow policy's for its own plans (drawn at random on an explored week), the arm's or the
        // oracle's when frequencies are pinned.
        var (inAppCap, inAppUtility) = slow.PlanInApp(features, choice, optedIn, workspace, random);
        if (pinnedInApp is { } pinned)
        {
            inAppCap = optedIn.Contains(Channel.InApp) ? Math.Max(0, pinned) : 0;
        }

        // Frequencies set outside the policy, clipped to the grid and the member's opted-in channels; the utility is
        // still evaluated so the plan explains what the slow policy thinks of them.
        PlanChoice Pinned(int push, int email)
        {
            slow.Evaluate(features, optedIn, workspace);
            push = optedIn.Contains(Channel.Push) ? Math.Clamp(push, 0, _engine.Grid.MaxPush) : 0;
            email = optedIn.Contains(Channel.Email) ? Math.Clamp(email, 0, _engine.Grid.MaxEmail) : 0;
            var action = _engine.Grid[Math.Max(0, _engine.Grid.IndexOf(push, email))];
            return new PlanChoice(action, 1, false, workspace.Utilities[action.Index], workspace.Utilities[action.Index]);
        }

        var explanation = slow.Explain(workspace, choice.Action);
        var baseline = armOptions.Policy == ArmPolicy.Baseline;

        // The model's own opt-out probabilities for the plan: the scaled ones with the scale taken off again.
        var n = slow.Grid.Count;
        var calibration = _options.CalibrateOptOuts && !baseline
            ? new PlanCalibration(
                scale.Push,
                scale.Email,
                Unscaled(workspace.PredictedOptOut[choice.Action.Index], scale.Push),
                Unscaled(workspace.PredictedOptOut[n + choice.Action.Index], scale.Email))
            : null;
        // Sized for the in-app term and a baseline's threshold, so adding them never grows it.
        var terms = new Dictionary<string, double>(explanation.Terms.Count + 2, StringComparer.Ordinal);
        foreach (var (name, value) in explanation.Terms) terms[name] = value;
        terms[PlanExplanation.InAppTerm] = pinnedInApp is null ? inAppUtility : 0;
        if (baseline)
        {
            terms["threshold"] = armOptions.BaselineThreshold;
        }

        // The other side's plan from the same features and draws, explored weeks included: both sides of a trial compute
        // it alike from what was known before the week, so counting only the members whose plans differ favours neither.
        bool? trialPlansDiffer = null;
        if (counterpart is not null && armOptions.Policy == ArmPolicy.Hierarchical)
        {
            var otherWorkspace = Reused(ref _counterpartWorkspace, counterpart);
            var otherRandom = new Random(seed);
            var other = counterpart.Plan(features, optedIn, otherWorkspace, otherRandom);
            var (otherInApp, _) = counterpart.PlanInApp(features, other, optedIn, otherWorkspace, otherRandom);
            trialPlansDiffer = other.Action.Index != choice.Action.Index || otherInApp != inAppCap;
        }

        LogPlanned(_logger, MemberId, week, armOptions.Name, choice.Action.Push, choice.Action.Email);
        _telemetry.Planned(armOptions.Name, PolicyName(armOptions.Policy), baseline ? null : choice.Action.Push, baseline ? null : choice.Action.Email);
        return new PlanState
        {
            Week = week.ToString(),
            Arm = armOptions.Name,
            Policy = PolicyName(armOptions.Policy),
            Push = baseline ? null : choice.Action.Push,
            Email = baseline ? null : choice.Action.Email,
            InApp = baseline ? null : inAppCap,
            Pacing = baseline ? "none" : PacingName(armOptions.Pacing),
            ModelVersion = slow.Model.Version,
            Propensity = baseline ? 1 : choice.Propensity,
            Explored = choice.Explored,
            Utility = explanation.Total + terms[PlanExplanation.InAppTerm],
            Terms = terms,
            Features = features.Describe(),
            PlannedAt = now,
            Calibration = calibration,
            TrialPlansDiffer = trialPlansDiffer,
            OptOutPrices = baseline ? null : new OptOutPrices(workspace.PushOptOutCost, workspace.EmailOptOutCost),
        };

        static double Unscaled(double probability, double by) => by > 0 ? probability / by : 0;
    }

    private static PlanningWorkspace Workspace(SlowPolicy slow) => Reused(ref _workspace, slow);

    private static PlanningWorkspace Reused(ref PlanningWorkspace? kept, SlowPolicy slow) =>
        kept is { } reused && reused.ActionCount == slow.Grid.Count && reused.RewardTermCount == slow.Model.RewardNames.Count
            ? reused
            : kept = slow.CreateWorkspace();

    // The member's arm of the ranking layer: fixed by the id and the silo's options, so worked out once per activation.
    private string RankingArm => _rankingArm ??= _engine.AssignRanking(MemberId).Name;

    private Decision Decide(PlanState plan, WeekState week, SendOpportunity opportunity, ReadOnlySpan<Candidate> candidates, FastPolicy? fast, FastPolicy? challenger, string pacingVersion)
    {
        _context.Budget = Budget(plan);
        _context.Sent = new ChannelCounts(week.PushSent, week.EmailSent, week.InAppSent);
        _context.Pacing = PacingByName.GetValueOrDefault(plan.Pacing, PacingProfile.Uniform);
        _context.WeekEnd = WeekOf(plan.Week).End;
        _context.EngagedDaysPerWeek = plan.Features.GetValueOrDefault("engagedDaysPerWeek");
        _context.PushRates = Rates(MessageChannel.Push, pacingVersion);
        _context.EmailRates = Rates(MessageChannel.Email, pacingVersion);
        _context.InAppRates = Rates(MessageChannel.InApp, pacingVersion);
        var kind = opportunity.Kind.ToPolicy();
        if (fast is null)
        {
            var arm = _engine.Arm(plan.Arm) ?? new ArmOptions { Name = plan.Arm, Policy = ArmPolicy.Baseline };
            return _engine.Baseline(arm).Decide(_context, opportunity.Time, kind, candidates);
        }

        var draws = _draws ??= new DecisionDraws();
        draws.Reseed(MemberHash.Of(MemberId, opportunity.OpportunityId));
        return fast.Decide(_context, opportunity.Time, kind, candidates, draws, challenger);
    }

    // Every channel's weekly budget: the plan's (its cut, after a strong signal); under the baseline, which has no plan, none.
    private static ChannelCounts Budget(PlanState plan) => plan.Cut is { } cut
        ? new ChannelCounts(cut.Push, cut.Email, cut.InApp)
        : new ChannelCounts(plan.Push ?? 0, plan.Email ?? 0, plan.InApp ?? 0);

    private OpportunityRates Rates(MessageChannel channel, string pacingVersion)
    {
        var slot = OpportunityCounts.Slot(channel, OpportunityType.Daily);
        var rates = State.Learned.OpportunitiesPerWeek is { } learned
            ? OpportunityCounts.Widen(learned) is var wide ? new OpportunityRates(wide[slot], wide[slot + 1], wide[slot + 2]) : default
            : OpportunityRates.Default;
        return rates with { RelevanceScale = RelevanceYardstick.Scale(State.Learned, pacingVersion, OpportunityCounts.Channel(channel)) };
    }

    private static void CountOpportunity(WeekState week, SendOpportunity opportunity)
    {
        bool push = false, email = false, inApp = false;
        for (var i = 0; i < opportunity.Candidates.Count; i++)
        {
            var candidate = opportunity.Candidates[i];
            push |= candidate.Channel == MessageChannel.Push;
            email |= candidate.Channel == MessageChannel.Email;
            inApp |= candidate.Channel == MessageChannel.InApp;
        }

        week.Opportunities = OpportunityCounts.Widen(week.Opportunities);
        if (push) week.Opportunities[OpportunityCounts.Slot(MessageChannel.Push, opportunity.Kind)]++;
        if (email) week.Opportunities[OpportunityCounts.Slot(MessageChannel.Email, opportunity.Kind)]++;
        if (inApp) week.Opportunities[OpportunityCounts.Slot(MessageChannel.InApp, opportunity.Kind)]++;
    }

    private void RecordSend(WeekState week, CandidateMessage chosen, DateTimeOffset time)
    {
        if (chosen.Priority == MessagePriorityLevel.Transactional)
        {
            week.TransactionalSent++;
        }
        else
        {
            switch (chosen.Channel)
            {
                case MessageChannel.Push: week.PushSent++; break;
                case MessageChannel.Email: week.EmailSent++; break;
                default: week.InAppSent++; break;
            }
        }

        State.Sent.Add(new SentMessage(chosen.MessageId, chosen.TitleId, chosen.Category, chosen.Channel, time));
        if (time < _oldestSend) _oldestSend = time;
        NoteCategory(chosen.Category, time);
        _sentMessageIds.Add(chosen.MessageId);
        if (chosen.TitleId is not null) _sentTitleIds.Add(chosen.TitleId);
        TrimHistory();
    }

    // Forgets sends older than the horizon by the grain's clock (a caller's time could lie in the future and wipe
    // the history), then the oldest beyond the window, and takes them out of the send indexes, so a live grain
    // decides as one reactivated from the written state would even when sends arrived out of time order.
    private void TrimHistory()
    {
        var cutoff = _clock.Now - _options.HistoryHorizon;
        var sent = State.Sent;
        if (_oldestSend >= cutoff && sent.Count <= _options.HistoryWindow) return;

        var kept = 0;
        DateTimeOffset? oldest = null;
        // Compacts in place, keeping order: it runs on every send, and List.RemoveAll's lambda would allocate each time.
        for (var i = 0; i < sent.Count; i++)
        {
            var message = sent[i];
            if (message.SentAt >= cutoff)
            {
                if (kept != i) sent[kept] = message;
                kept++;
                if (!(message.SentAt >= oldest)) oldest = message.SentAt;
            }
            else
            {
                _evicted.Add(message);
            }
        }

        sent.RemoveRange(kept, sent.Count - kept);
        var beyondWindow = Math.Max(0, sent.Count - _options.HistoryWindow);
        for (var i = 0; i < beyondWindow; i++) _evicted.Add(sent[i]);
        sent.RemoveRange(0, beyondWindow);
        _oldestSend = beyondWindow == 0 ? oldest : null;

        if (_evicted.Count > MaxEvictionsForgotten)
        {
            RebuildSendIndexes();
        }
        else
        {
            foreach (var gone in _evicted) Unindex(gone);
        }

        _evicted.Clear();
    }

    // Takes an evicted send out of the indexes where no send still held shares its id or title, and sets its
    // category's last send from those held: one pass over the history per eviction (a send usually evicts one), where
    // rebuilding the indexes hashed every send held on every send, a twentieth of an experiment's processor time.
    private void Unindex(SentMessage gone)
    {
        var idHeld = false;
        var titleHeld = gone.TitleId is null;
        DateTimeOffset? last = null;
        foreach (var held in State.Sent)
        {
            idHeld |= held.MessageId == gone.MessageId;
            titleHeld |= held.TitleId == gone.TitleId;
            if (held.Category == gone.Category && !(held.SentAt <= last)) last = held.SentAt;
        }

        if (!idHeld) _sentMessageIds.Remove(gone.MessageId);
        if (!titleHeld) _sentTitleIds.Remove(gone.TitleId!);
        if (last is { } latest) _lastSentByCategory[gone.Category] = latest;
        else _lastSentByCategory.Remove(gone.Category);
    }

    // An outcome still counts for the week it happened in while that week is open: a late Sunday open, or the day's
    // activity sent after midnight, lands before the week closes, so the week's reward in the learning log is whole.
    // So the open week is returned when now is already past it, null otherwise.
    private IsoWeek? OpenPastWeek(DateTimeOffset now) =>
        State.Week is { } open && WeekOf(open.Week) is var week && IsoWeek.Containing(now) != week ? week : null;

    // Applies a batch's new events (feedback, then activity); with lateOnly, only those of the open past week,
    // found once: applying events never closes a week.
    public int ApplyEvents(MemberTraffic traffic, DateTimeOffset now, bool lateOnly)
    {
        var pastWeek = lateOnly ? OpenPastWeek(now) : null;
        if (lateOnly && pastWeek is null) return 0;
        var applied = 0;
        foreach (var feedback in traffic.Feedback)
        {
            if (lateOnly && IsoWeek.Containing(feedback.Time) != pastWeek) continue;
            if (!RememberEvent(feedback.EventId)) continue;
            ApplyFeedback(State.Week!, feedback);
            applied++;
        }

        foreach (var active in traffic.Activity)
        {
            if (lateOnly && IsoWeek.Containing(active.Time) != pastWeek) continue;
            if (!RememberEvent(active.EventId)) continue;
            ApplyActivity(State.Week!, active);
            applied++;
        }

        return applied;
    }

    // The week's list feeds the learning log and serves replays: the week's cap on opportunities bounds it.
    private void Remember(WeekState week, DecisionRecord decision)
    {
        week.Decisions.Add(decision);
        _decisions[decision.OpportunityId] = decision;
    }

    private void TrimReplayTail()
    {
        var excess = State.ReplayTail.Count - _options.OpportunityWindow;
        if (excess <= 0)
        {
            return;
        }

        foreach (var evicted in State.ReplayTail.Take(excess))
        {
            _decisions.Remove(evicted.OpportunityId);
        }

        State.ReplayTail.RemoveRange(0, excess);
    }

    private void NoteCategory(string category, DateTimeOffset sentAt)
    {
        if (!_lastSentByCategory.TryGetValue(category, out var last) || sentAt > last)
        {
            _lastSentByCategory[category] = sentAt;
        }
    }

    // Returns false for an event id already in the window: a replay, which changes nothing.
    private bool RememberEvent(string eventId)
    {
        if (!_eventIds.Add(eventId)) return false;
        State.RecentEventIds.Add(eventId);
        return true;
    }

    /// <summary>
    /// Forgets the oldest event ids beyond <see cref="MemberGrainOptions.EventWindow"/>: once a call has applied all its
    /// events, never between them, so a batch with more events than the window still knows every one of its own (a late
    /// event applied to the past week is not applied again to the current one, a duplicate within the batch is still a
    /// replay), and the list shifts once a call rather than once an event.
    /// </summary>
    public void TrimEventWindow()
    {
        var excess = State.RecentEventIds.Count - _options.EventWindow;
        if (excess <= 0) return;
        for (var i = 0; i < excess; i++)
        {
            _eventIds.Remove(State.RecentEventIds[i]);
        }

        State.RecentEventIds.RemoveRange(0, excess);
    }

    // The bandit's immediate outcome: engagement within a day of the send, so a late open does not count for it; a
    // play also marks the send as played, the causal ranker's surrogate.
    private void MarkEngaged(WeekState week, string messageId, DateTimeOffset time, bool played)
    {
        var index = week.Decisions.FindIndex(d => d.Send && d.MessageId == messageId);
        if (index < 0 || week.Decisions[index] is not { } sent || (sent.Engaged && (sent.Played || !played)) || time - sent.Time > EngagementWindow || time < sent.Time)
        {
            return;
        }

        week.Decisions[index] = sent with { Engaged = true, Played = sent.Played || played };
        _decisions[sent.OpportunityId] = week.Decisions[index];
    }

    private void RebuildIndexes()
    {
        RebuildSendIndexes();
        _eventIds.Clear();
        _eventIds.UnionWith(State.RecentEventIds);
        _decisions.Clear();
        foreach (var decision in State.ReplayTail.Concat(State.Week?.Decisions ?? []))
        {
            _decisions[decision.OpportunityId] = decision;
        }

        _context.SentMessageIds = _sentMessageIds;
        _context.SentTitleIds = _sentTitleIds;
        _context.LastSentByCategory = _lastSentByCategory;
        _context.MutedCategories = _muted;
        RefreshPreferences();
    }

    // A week of the state as "yyyy-Www", as IsoWeek.Parse reads it (and throws), parsed once per string instance.
    private IsoWeek WeekOf(string text) => TryWeekOf(text) ?? IsoWeek.Parse(text);

    // As IsoWeek.TryParse: null for text that is not a week.
    private IsoWeek? TryWeekOf(string? text)
    {
        if (text is null) return null;
        if (ReferenceEquals(text, _weekMemo.Text)) return _weekMemo.Week;
        if (ReferenceEquals(text, _otherWeekMemo.Text)) return _otherWeekMemo.Week;
        _otherWeekMemo = _weekMemo;
        _weekMemo = (text, IsoWeek.TryParse(text, out var week) ? week : null);
        return _weekMemo.Week;
    }

    private void RebuildSendIndexes()
    {
        _sentMessageIds.Clear();
        _sentTitleIds.Clear();
        _lastSentByCategory.Clear();
        foreach (var message in State.Sent)
        {
            _sentMessageIds.Add(message.MessageId);
            if (message.TitleId is not null) _sentTitleIds.Add(message.TitleId);
            NoteCategory(message.Category, message.SentAt);
        }
    }

    private void RefreshPreferences()
    {
        var preferences = State.Preferences;
        _muted.Clear();
        _muted.UnionWith(preferences.MutedCategories);
        _context.TimeZone = TimeZoneInfo.TryFindSystemTimeZoneById(preferences.TimeZone, out var zone) ? zone : TimeZoneInfo.Utc;
        _context.OptedIn = OptedIn(preferences.Channels);
        _context.QuietHours = preferences.QuietHours is { } quiet
            ? new QuietHours(TimeOnly.ParseExact(quiet.Start, "HH:mm", CultureInfo.InvariantCulture), TimeOnly.ParseExact(quiet.End, "HH:mm", CultureInfo.InvariantCulture))
            : null;
    }

    private MemberWeekRecord LearningRecord(PlanState plan, WeekState week) => new()
    {
        MemberId = MemberId,
        Week = week.Week,
        Arm = plan.Arm,
        Policy = plan.Policy,
        ModelVersion = plan.ModelVersion,
        PlanPush = plan.Push,
        PlanEmail = plan.Email,
        PlanInApp = plan.InApp,
        Pacing = plan.Pacing,
        Propensity = plan.Propensity,
        Explored = plan.Explored,
        UtilityTerms = plan.Terms,
        Features = plan.Features,
        Decisions = week.Decisions,
        Sent = new ChannelCountsView { Push = week.PushSent, Email = week.EmailSent, InApp = week.InAppSent },
        Outcomes = week.Outcomes,
        EngagedDays = week.EngagedDays,
        EngagedDayMask = week.EngagedDayMask,
        ActivityMinutes = week.ActivityMinutes,
        OptedOut = week.OptedOut,
        RankingArm = plan.Policy == PolicyName(ArmPolicy.Baseline) ? null : RankingArm,
        TrialPlansDiffer = plan.TrialPlansDiffer,
        OptOutPrices = plan.OptOutPrices,
    };

    // The budgets in force: the plan's, or what a strong signal cut them to.
    private static PlanView PlanView(PlanState plan, WeekState week) => new()
    {
        Week = plan.Week,
        Push = plan.Cut?.Push ?? plan.Push,
        Email = plan.Cut?.Email ?? plan.Email,
        InApp = plan.Cut?.InApp ?? plan.InApp,
        Pacing = plan.Pacing,
        ModelVersion = plan.ModelVersion,
        Propensity = plan.Propensity,
        Policy = plan.Policy,
        Arm = plan.Arm,
        Utility = new UtilityBreakdown { Total = plan.Utility, Terms = plan.Terms },
        Sent = new ChannelCountsView { Push = week.PushSent, Email = week.EmailSent, InApp = week.InAppSent },
        PlannedAt = plan.PlannedAt,
        OptOutScale = plan.Calibration is { } calibration ? new OptOutScaleView { Push = calibration.PushScale, Email = calibration.EmailScale } : null,
        OptOutPrices = plan.OptOutPrices,
    };

    private static SendDecision ToSendDecision(DecisionRecord record) => new()
    {
        OpportunityId = record.OpportunityId,
        Send = record.Send,
        MessageId = record.MessageId,
        Channel = record.Channel,
        Reason = record.Reason,
        Propensity = record.Propensity,
        PlanWeek = record.PlanWeek,
        Arm = record.Arm,
    };

    private static Candidate ToPolicyCandidate(CandidateMessage message) => new(
        message.MessageId,
        message.Channel.ToPolicy(),
        message.Category ?? "",
        message.TitleId,
        message.Relevance ?? double.NaN,
        message.Priority == MessagePriorityLevel.Transactional ? MessagePriority.Transactional : MessagePriority.Normal,
        message.ExpiresAt ?? DateTimeOffset.MaxValue);

    private static ChannelSet OptedIn(ChannelSwitches channels)
    {
        var set = ChannelSet.None;
        if (channels.Push) set = set.With(Channel.Push);
        if (channels.Email) set = set.With(Channel.Email);
        if (channels.InApp) set = set.With(Channel.InApp);
        return set;
    }

    private static bool IsOn(ChannelSwitches channels, MessageChannel channel) => channel switch
    {
        MessageChannel.Push => channels.Push,
        MessageChannel.Email => channels.Email,
        _ => channels.InApp,
    };

    private static ChannelSwitches Switch(ChannelSwitches channels, MessageChannel channel, bool on) => channel switch
    {
        MessageChannel.Push => channels with { Push = on },
        MessageChannel.Email => channels with { Email = on },
        _ => channels with { InApp = on },
    };

    internal static string PolicyName(ArmPolicy policy) => policy switch
    {
        ArmPolicy.Hierarchical => "hierarchical",
        ArmPolicy.Baseline => "baseline",
        ArmPolicy.Fixed => "fixed",
        ArmPolicy.Oracle => "oracle",
        _ => throw new ArgumentOutOfRangeException(nameof(policy), policy, "Not an arm policy."),
    };

    internal static string PacingName(PacingProfile profile) => profile switch
    {
        PacingProfile.DayOfWeek => "day-of-week",
        PacingProfile.ActivityConditioned => "activity-conditioned",
        PacingProfile.LaunchBurst => "launch-burst",
        PacingProfile.RelevanceWeighted => "relevance-weighted",
        _ => "uniform",
    };

    internal static string WireName(MessageChannel channel) => channel switch
    {
        MessageChannel.Push => "push",
        MessageChannel.Email => "email",
        _ => "inapp",
    };

    private static string WireName(FeedbackType type) => type switch
    {
        FeedbackType.OptedOut => "opted-out",
        _ => type.ToString().ToLowerInvariant(),
    };

    /// <summary>A new decision and the candidate it sends, if any.</summary>
    public readonly record struct Decided(SendDecision Decision, CandidateMessage? Chosen, string? RankingArm);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Member {MemberId} planned {Week} on arm {Arm}: {Push} push, {Email} email")]
    private static partial void LogPlanned(ILogger logger, string memberId, IsoWeek week, string arm, int push, int email);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Member {MemberId} closed {Week}: {EngagedDays} engaged days, {Push} push, {Email} email sent")]
    private static partial void LogWeekClosed(ILogger logger, string memberId, string week, int engagedDays, int push, int email);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Member {MemberId} cut {Week}'s budgets after a strong signal to {Push} push, {Email} email, {InApp} in-app")]
    private static partial void LogBudgetCut(ILogger logger, string memberId, string week, int push, int email, int inApp);
}
