using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NotificationActors.Abstractions.Learning;
using NotificationActors.Abstractions.Members;
using NotificationActors.Grains.Calibration;
using NotificationActors.Grains.Experiments;
using NotificationActors.Grains.Policies;
using NotificationActors.Grains.Telemetry;
using NotificationActors.Grains.Validation;
using NotificationActors.Policy.Actions;
using NotificationActors.Policy.Fast;
using NotificationActors.Policy.Pacing;
using NotificationActors.Policy.Slow;
using NotificationActors.Policy.Time;

namespace NotificationActors.Grains.Members;

/// <summary>
/// One member: the weekly plan (slow policy), decisions inside it (fast policy), feedback and activity, and the
/// learning log. Every call first makes sure the current week has a plan, because Orleans skips reminder ticks
/// missed during an outage (design/orleans-semantics.md); the weekly reminder is the normal path. A call returns
/// only after its state write succeeded, so an acknowledged decision is never lost and a stale activation (ETag
/// conflict) can never double-send.
/// </summary>
public sealed partial class MemberGrain : Grain, IMemberGrain, IRemindable
{
    /// <summary>The grain storage member state lives in.</summary>
    public const string StorageName = "members";

    /// <summary>The weekly replanning reminder.</summary>
    public const string WeeklyReminder = "weekly-plan";

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

    private readonly IPersistentState<MemberState> _state;
    private readonly PolicyEngine _engine;
    private readonly ILearningLog _log;
    private readonly MemberClock _clock;
    private readonly MemberGrainOptions _options;
    private readonly ILogger<MemberGrain> _logger;
    private readonly MemberTelemetry _telemetry;
    private readonly OptOutScales _scales;
    private readonly OptOutTallies _tallies;

    // This call's contributions to the population's opt-out tallies, handed over only once the state holding the
    // sends and opt-outs they count is written.
    private readonly List<(string Version, DateOnly Day, OptOutTally Tally)> _unwrittenTallies = [];

    // Indexes over the persisted windows, rebuilt on activation, so lookups on the hot path are O(1).
    private readonly HashSet<string> _sentMessageIds = new(StringComparer.Ordinal);
    private readonly HashSet<string> _sentTitleIds = new(StringComparer.Ordinal);
    private readonly HashSet<string> _eventIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DecisionRecord> _decisions = new(StringComparer.Ordinal);
    private readonly HashSet<string> _muted = new(StringComparer.Ordinal);
    private readonly MemberContext _context = new();
    private readonly Dictionary<string, DateTimeOffset> _lastSentByCategory = new(StringComparer.Ordinal);

    public MemberGrain(
        [PersistentState("member", StorageName)] IPersistentState<MemberState> state,
        PolicyEngine engine,
        ILearningLog log,
        MemberClock clock,
        IOptions<MemberGrainOptions> options,
        MemberTelemetry telemetry,
        OptOutScales scales,
        OptOutTallies tallies,
        ILogger<MemberGrain> logger)
    {
        _scales = scales;
        _tallies = tallies;
        _telemetry = telemetry;
        _state = state;
        _engine = engine;
        _log = log;
        _clock = clock;
        _options = options.Value;
        _logger = logger;
    }

    private MemberState State => _state.State;

    private string MemberId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        RequestValidator.ThrowIfInvalid(RequestValidator.MemberId(MemberId), "member id");
        RebuildIndexes();
        if (!State.ReminderRegistered)
        {
            await RegisterWeeklyReminderAsync();
        }
    }

    public async ValueTask<SendDecision> OfferOpportunity(SendOpportunity opportunity)
    {
        RequestValidator.ThrowIfInvalid(RequestValidator.Opportunity(opportunity), "send opportunity");
        if (_decisions.TryGetValue(opportunity.OpportunityId, out var first))
        {
            return ToSendDecision(first);
        }

        using var activity = MemberTelemetry.Source.StartActivity("member.offer");
        activity?.SetTag("member.id", MemberId);
        activity?.SetTag("opportunity.candidates", opportunity.Candidates.Count);
        await EnsureCurrentWeekAsync(_clock.Now);
        var decided = DecideAndRecord(opportunity);
        await WriteAsync();
        CountDecision(decided);
        activity?.SetTag("decision.reason", decided.Decision.Reason);
        return decided.Decision;
    }

    public ValueTask<EventReceipt> RecordFeedback(FeedbackEvent feedback)
    {
        RequestValidator.ThrowIfInvalid(RequestValidator.Feedback(feedback), "feedback event");
        return RecordEventAsync(feedback.EventId, new MemberTraffic { Feedback = [feedback] });
    }

    public ValueTask<EventReceipt> RecordActivity(ActivityEvent activity)
    {
        RequestValidator.ThrowIfInvalid(RequestValidator.Activity(activity), "activity event");
        return RecordEventAsync(activity.EventId, new MemberTraffic { Activity = [activity] });
    }

    public async ValueTask<TrafficReceipt> ApplyTraffic(MemberTraffic traffic)
    {
        RequestValidator.ThrowIfInvalid(RequestValidator.Traffic(traffic), "traffic");
        using var activity = MemberTelemetry.Source.StartActivity("member.traffic");
        activity?.SetTag("member.id", MemberId);
        activity?.SetTag("traffic.opportunities", traffic.Opportunities.Count);
        var (applied, changed) = await ApplyEventsAsync(traffic);

        var decisions = new SendDecision[traffic.Opportunities.Count];
        var decided = new List<Decided>(decisions.Length);
        for (var i = 0; i < decisions.Length; i++)
        {
            var opportunity = traffic.Opportunities[i];
            if (_decisions.TryGetValue(opportunity.OpportunityId, out var first))
            {
                decisions[i] = ToSendDecision(first);
                continue;
            }

            var fresh = DecideAndRecord(opportunity);
            decided.Add(fresh);
            decisions[i] = fresh.Decision;
        }

        if (changed || applied > 0 || decided.Count > 0)
        {
            await WriteAsync();
        }

        foreach (var fresh in decided)
        {
            CountDecision(fresh);
        }

        return new TrafficReceipt { Decisions = decisions, EventsApplied = applied };
    }

    public async ValueTask<MemberPreferences> SetPreferences(MemberPreferences preferences)
    {
        RequestValidator.ThrowIfInvalid(RequestValidator.Preferences(preferences), "preferences");

        // Applied before the week check, so a member's first plan already honours them.
        State.Preferences = preferences with { MutedCategories = preferences.MutedCategories.Distinct(StringComparer.Ordinal).ToArray() };
        RefreshPreferences();
        await EnsureCurrentWeekAsync(_clock.Now);
        await WriteAsync();
        return State.Preferences;
    }

    public async ValueTask SetFeatures(IReadOnlyDictionary<string, double> features)
    {
        RequestValidator.ThrowIfInvalid(RequestValidator.Features(features), "features");

        // Applied before the week check, so a new member's first plan starts from what the platform knows.
        State.ImportedFeatures = new Dictionary<string, double>(features, StringComparer.Ordinal);
        await EnsureCurrentWeekAsync(_clock.Now);
        await WriteAsync();
    }

    public async ValueTask<PlanView> GetPlan()
    {
        if (await EnsureCurrentWeekAsync(_clock.Now))
        {
            await WriteAsync();
        }

        return PlanView(State.Plan!, State.Week!);
    }

    public async ValueTask<PlanView> Replan()
    {
        var now = _clock.Now;
        await EnsureCurrentWeekAsync(now);
        State.Plan = await MakePlanAsync(IsoWeek.Parse(State.Week!.Week), now, State.Plan!.Arm);
        await WriteAsync();
        return PlanView(State.Plan, State.Week);
    }

    public async ValueTask<MemberView> GetMember()
    {
        if (await EnsureCurrentWeekAsync(_clock.Now))
        {
            await WriteAsync();
        }

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
            DerivedFeatures = MemberFeatureBuilder.Build(State, IsoWeek.Parse(week.Week), _engine.Priors).Describe(),
            EngagedDaysThisWeek = week.EngagedDays,
            OutcomesThisWeek = week.Outcomes,
        };
    }

    public async ValueTask Forget()
    {
        await _state.ClearStateAsync();
        if (await this.GetReminder(WeeklyReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }

        await _log.ForgetMemberAsync(MemberId);
        RebuildIndexes();
        LogForgotten(_logger, MemberId);
        DeactivateOnIdle();
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != WeeklyReminder)
        {
            return;
        }

        _telemetry.ReminderLateness(_clock.Now.UtcDateTime - status.CurrentTickTime);
        if (await EnsureCurrentWeekAsync(_clock.Now))
        {
            await WriteAsync();
        }
    }

    // Closes the week the counters belong to (learning-log record, learned features) and plans the current week
    // if it has no plan. Weeks only move forward. Returns whether state changed.
    private async ValueTask<bool> EnsureCurrentWeekAsync(DateTimeOffset now)
    {
        if (_options.CalibrateOptOuts)
        {
            await _tallies.HandInBeforeAsync(Day(now));
        }

        var current = IsoWeek.Containing(now);
        if (State.Week is { } open && IsoWeek.Parse(open.Week) is var openWeek && openWeek >= current)
        {
            current = openWeek;
        }

        var currentName = current.ToString();
        var changed = false;
        if (State.Week is { } closing && closing.Week != currentName)
        {
            await CloseWeekAsync(closing, current);
            changed = true;
        }

        if (State.Week is null)
        {
            State.Week = new WeekState { Week = currentName };
            State.FirstWeek ??= currentName;
            changed = true;
        }

        if (State.Plan is null || State.Plan.Week != currentName)
        {
            State.Plan = await MakePlanAsync(current, now, arm: null);
            changed = true;
        }
        else
        {
            changed |= await RecalibrateAsync(State.Plan, State.Week!, now);
        }

        return changed;
    }

    // The population's opt-outs arrive day by day: once they have raised a channel's scale well above the one the
    // plan's budgets were set with, the budgets left are re-read at the new price, as after a strong signal. A scale
    // that fell waits for next week's plan.
    private async ValueTask<bool> RecalibrateAsync(PlanState plan, WeekState week, DateTimeOffset now)
    {
        if (!_options.CalibrateOptOuts || plan.Calibration is not { } calibration || plan.Policy != PolicyName(ArmPolicy.Hierarchical)
            || _engine.Arm(plan.Arm) is not { } arm || _engine.SlowPolicy(arm).Model.Version != plan.ModelVersion)
        {
            return false;
        }

        var was = new OptOutScale(calibration.PushScale, calibration.EmailScale);
        var scale = await _scales.ForAsync(plan.ModelVersion, Day(now));
        if (!was.RisesTo(scale, _options.RecalibrationStep))
        {
            return false;
        }

        plan.Calibration = calibration with { PushScale = Math.Max(was.Push, scale.Push), EmailScale = Math.Max(was.Email, scale.Email) };
        CutBudgets(week, now);
        return true;
    }

    private static DateOnly Day(DateTimeOffset time) => DateOnly.FromDateTime(time.UtcDateTime);

    private async Task CloseWeekAsync(WeekState week, IsoWeek current)
    {
        // The log is written before the state; if the state write then fails, the retry appends the same key: a no-op.
        if (State.Plan is { } plan && plan.Week == week.Week)
        {
            await _log.AppendAsync(LearningRecord(plan, week));
            _telemetry.LogRecordWritten(plan.Arm);
        }

        // The closing week's last decisions stay replayable across the week boundary.
        State.ReplayTail.AddRange(week.Decisions.Skip(Math.Max(0, week.Decisions.Count - _options.OpportunityWindow)));
        TrimReplayTail();
        foreach (var decision in week.Decisions.Take(Math.Max(0, week.Decisions.Count - _options.OpportunityWindow)))
        {
            _decisions.Remove(decision.OpportunityId);
        }

        var closed = IsoWeek.Parse(week.Week);
        var silentWeeks = Math.Max(0, (int)Math.Round((current.Start - closed.End).TotalDays / 7));
        WeeklyLearning.Fold(State.Learned, week, silentWeeks);
        TrimHistory();
        State.Week = null;
        LogWeekClosed(_logger, MemberId, week.Week, week.EngagedDays, week.PushSent, week.EmailSent);
    }

    // Decides a new opportunity of the current week and records it in the state (not yet written).
    private Decided DecideAndRecord(SendOpportunity opportunity)
    {
        var plan = State.Plan!;
        var week = State.Week!;
        var candidates = new Candidate[opportunity.Candidates.Count];
        for (var i = 0; i < candidates.Length; i++) candidates[i] = ToPolicyCandidate(opportunity.Candidates[i]);
        CountOpportunity(week, opportunity);
        TrimHistory();

        var outcome = Decide(plan, week, opportunity, candidates);
        RelevanceYardstick.Learn(State.Learned, _engine.RankerVersion, outcome.PushBestScore, outcome.EmailBestScore, outcome.InAppBestScore);
        var chosen = outcome.Send ? opportunity.Candidates[outcome.CandidateIndex] : null;
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
            RankerVersion = _engine.RankerVersion,
        };
        if (chosen is not null)
        {
            // What the bandit saw, taken before this send resets the category's rest.
            record = record with
            {
                Category = chosen.Category,
                Relevance = chosen.Relevance,
                HoursSinceCategory = _lastSentByCategory.TryGetValue(chosen.Category, out var last) ? (opportunity.Time - last).TotalHours : null,
                HoursToExpiry = chosen.ExpiresAt is { } expiry ? (expiry - opportunity.Time).TotalHours : null,
            };
            RecordSend(week, chosen, opportunity.Time);
            if (chosen.Priority != MessagePriorityLevel.Transactional)
            {
                TallyOptOutExposure(plan, chosen.Channel, sent: 1, optedOut: 0);
            }
        }

        Remember(week, record);
        return new Decided(decision, chosen);
    }

    // Telemetry of a decision, counted once its write succeeded.
    private void CountDecision(Decided decided)
    {
        var decision = decided.Decision;
        _telemetry.Decision(decision.Send, decision.Reason, decision.Arm, decision.Channel is { } sentOn ? WireName(sentOn) : null);
        if (decided.Chosen is { } chosen)
        {
            _telemetry.Sent(WireName(chosen.Channel), chosen.Priority == MessagePriorityLevel.Transactional);
        }
    }

    private void ApplyFeedback(WeekState week, FeedbackEvent feedback)
    {
        var channel = feedback.Channel ?? State.Sent.LastOrDefault(m => m.MessageId == feedback.MessageId)?.Channel;
        var key = OutcomeKeys[(channel, feedback.Type)];
        week.Outcomes[key] = week.Outcomes.GetValueOrDefault(key) + 1;
        if (feedback.Type is FeedbackType.Opened or FeedbackType.Clicked or FeedbackType.Played && feedback.MessageId is { } messageId)
        {
            MarkEngaged(week, messageId, feedback.Time);
        }

        // Opt-outs and unsubscribes change preferences at once: the very next decision sees them, and the budgets
        // of the channels still open are re-read, as after a run of dismissals.
        var strongSignal = feedback.Type == FeedbackType.Dismissed && _options.StrongDismissals > 0 && WeeklyLearning.Dismissals(week) >= _options.StrongDismissals;
        if (feedback.Type == FeedbackType.OptedOut || (feedback.Type == FeedbackType.Unsubscribed && feedback.Category is null))
        {
            State.Preferences = State.Preferences with { Channels = Switch(State.Preferences.Channels, feedback.Channel!.Value, on: false) };
            week.OptedOut.Add(feedback.Channel.Value);
            State.Learned.RecentOptOut = 1;
            if (State.Plan is { } plan && plan.Week == week.Week)
            {
                TallyOptOutExposure(plan, feedback.Channel.Value, sent: 0, optedOut: 1);
            }

            strongSignal = true;
            _telemetry.OptedOut(WireName(feedback.Channel.Value), WireName(feedback.Type));
        }
        else if (feedback.Type == FeedbackType.Unsubscribed && !State.Preferences.MutedCategories.Contains(feedback.Category!))
        {
            State.Preferences = State.Preferences with { MutedCategories = [.. State.Preferences.MutedCategories, feedback.Category!] };
            _telemetry.OptedOut(channel is { } muted ? WireName(muted) : "unknown", "unsubscribed-category");
        }

        RefreshPreferences();
        if (strongSignal)
        {
            CutBudgets(week, _clock.Now);
        }
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

        var weekOf = IsoWeek.Parse(week.Week);
        var signals = State.Learned.Copy();
        WeeklyLearning.Fold(signals, week, silentWeeksAfter: 0);
        var folded = MemberFeatureBuilder.Build(State, weekOf, _engine.Priors, now, signals);

        // Activity and exposure of a week not yet over would read low; only the signals come from the open week.
        var features = MemberFeatureBuilder.Build(State, weekOf, _engine.Priors, now) with
        {
            PushOpenRate = folded.PushOpenRate,
            EmailOpenRate = folded.EmailOpenRate,
            InAppOpenRate = folded.InAppOpenRate,
            DismissRate = folded.DismissRate,
            OpenRateTrend = folded.OpenRateTrend,
            RecentOptOut = folded.RecentOptOut,
        };
        var slow = plan.Calibration is { } calibration
            ? _engine.SlowPolicy(arm, new OptOutScale(calibration.PushScale, calibration.EmailScale))
            : _engine.SlowPolicy(arm);
        var workspace = slow.CreateWorkspace();
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
        var day = (int)Math.Floor((activity.Time - IsoWeek.Parse(week.Week).Start).TotalDays);
        if (day is >= 0 and < 7)
        {
            week.EngagedDayMask |= 1 << day;
            week.ActivityMinutes += activity.Minutes;
        }
    }

    // The arm's slow policy, pricing opt-outs at the population's level of the day when calibration is on.
    private async ValueTask<(SlowPolicy Slow, OptOutScale Scale)> SlowPolicyAsync(ArmOptions arm, DateTimeOffset now)
    {
        var unscaled = _engine.SlowPolicy(arm);
        if (!_options.CalibrateOptOuts) return (unscaled, OptOutScale.None);
        var scale = await _scales.ForAsync(unscaled.Model.Version, Day(now));
        return (_engine.SlowPolicy(arm, scale), scale);
    }

    // A send under the plan's budget or an opt-out of its channel, for the population's opt-out tally of the plan's model:
    // a message carries its share of the plan's predicted weekly opt-out probability on its channel.
    private void TallyOptOutExposure(PlanState plan, MessageChannel channel, int sent, int optedOut)
    {
        if (plan.Calibration is not { } calibration) return;
        var tally = channel switch
        {
            MessageChannel.Push when plan.Push is > 0 => new OptOutTally(sent, sent * calibration.PushOptOut / plan.Push.Value, optedOut, 0, 0, 0),
            MessageChannel.Email when plan.Email is > 0 => new OptOutTally(0, 0, 0, sent, sent * calibration.EmailOptOut / plan.Email.Value, optedOut),
            _ => null,
        };
        if (tally is not null) _unwrittenTallies.Add((plan.ModelVersion, Day(_clock.Now), tally));
    }

    private async ValueTask<PlanState> MakePlanAsync(IsoWeek week, DateTimeOffset now, string? arm)
    {
        // A member's arm changes only at a new week: a mid-week replan keeps the arm its week started with.
        var armOptions = (arm is null ? null : _engine.Arm(arm)) ?? _engine.Assign(MemberId);
        var (slow, scale) = await SlowPolicyAsync(armOptions, now);
        var features = MemberFeatureBuilder.Build(State, week, _engine.Priors);
        var optedIn = OptedIn(State.Preferences.Channels);
        var workspace = slow.CreateWorkspace();
        var random = new Random(MemberHash.Seed($"{MemberId}|{week}|plan"));
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

        // The in-app cap: the slow policy's for its own plans, the arm's or the oracle's when frequencies are pinned.
        var (inAppCap, inAppUtility) = slow.InAppCap(features, choice.Action, optedIn, workspace);
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
        var terms = new Dictionary<string, double>(explanation.Terms, StringComparer.Ordinal)
        {
            [PlanExplanation.InAppTerm] = pinnedInApp is null ? inAppUtility : 0,
        };
        if (baseline)
        {
            terms["threshold"] = armOptions.BaselineThreshold;
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
        };

        static double Unscaled(double probability, double by) => by > 0 ? probability / by : 0;
    }

    private Decision Decide(PlanState plan, WeekState week, SendOpportunity opportunity, Candidate[] candidates)
    {
        _context.Budget = Budget(plan);
        _context.Sent = new ChannelCounts(week.PushSent, week.EmailSent, week.InAppSent);
        _context.Pacing = PacingByName.GetValueOrDefault(plan.Pacing, PacingProfile.Uniform);
        _context.WeekEnd = IsoWeek.Parse(plan.Week).End;
        _context.PushRates = Rates(MessageChannel.Push);
        _context.EmailRates = Rates(MessageChannel.Email);
        _context.InAppRates = Rates(MessageChannel.InApp);
        var kind = (OpportunityKind)opportunity.Kind;
        if (plan.Policy == PolicyName(ArmPolicy.Baseline))
        {
            var arm = _engine.Arm(plan.Arm) ?? new ArmOptions { Name = plan.Arm, Policy = ArmPolicy.Baseline };
            return _engine.Baseline(arm).Decide(_context, opportunity.Time, kind, candidates);
        }

        var random = new Random(MemberHash.Seed(MemberId, opportunity.OpportunityId));
        return _engine.Fast.Decide(_context, opportunity.Time, kind, candidates, random);
    }

    // Every channel's weekly budget: the plan's (its cut, after a strong signal); under the baseline, which has no plan, none.
    private static ChannelCounts Budget(PlanState plan) => plan.Cut is { } cut
        ? new ChannelCounts(cut.Push, cut.Email, cut.InApp)
        : new ChannelCounts(plan.Push ?? 0, plan.Email ?? 0, plan.InApp ?? 0);

    private OpportunityRates Rates(MessageChannel channel)
    {
        var slot = OpportunityCounts.Slot(channel, OpportunityType.Daily);
        var rates = State.Learned.OpportunitiesPerWeek is { } learned
            ? OpportunityCounts.Widen(learned) is var wide ? new OpportunityRates(wide[slot], wide[slot + 1], wide[slot + 2]) : default
            : OpportunityRates.Default;
        return rates with { RelevanceScale = RelevanceYardstick.Scale(State.Learned, _engine.RankerVersion, OpportunityCounts.Channel(channel)) };
    }

    private static void CountOpportunity(WeekState week, SendOpportunity opportunity)
    {
        bool push = false, email = false, inApp = false;
        foreach (var candidate in opportunity.Candidates)
        {
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
        NoteCategory(chosen.Category, time);
        _sentMessageIds.Add(chosen.MessageId);
        if (chosen.TitleId is not null) _sentTitleIds.Add(chosen.TitleId);
        TrimHistory();
    }

    // Forgets sends older than the horizon by the grain's clock (a caller's time could lie in the future and wipe
    // the history), then the oldest beyond the window, and rebuilds the send indexes from what is left, so a live
    // grain decides as one reactivated from the written state would even when sends arrived out of time order.
    private void TrimHistory()
    {
        var now = _clock.Now;
        var evicted = State.Sent.RemoveAll(m => now - m.SentAt > _options.HistoryHorizon);
        var excess = State.Sent.Count - _options.HistoryWindow;
        if (excess > 0)
        {
            State.Sent.RemoveRange(0, excess);
            evicted += excess;
        }

        if (evicted > 0) RebuildSendIndexes();
    }

    // A single feedback or activity event, as a batch of one: idempotent by event id, acknowledged after the write.
    private async ValueTask<EventReceipt> RecordEventAsync(string eventId, MemberTraffic one)
    {
        if (_eventIds.Contains(eventId))
        {
            return new EventReceipt { EventId = eventId, Applied = false };
        }

        await ApplyEventsAsync(one);
        await WriteAsync();
        return new EventReceipt { EventId = eventId, Applied = true };
    }

    // New feedback and activity: those of the open past week land in it before it closes, then the week rolls and
    // the rest land in the current week. Returns the events applied and whether the week changed.
    private async ValueTask<(int Applied, bool WeekChanged)> ApplyEventsAsync(MemberTraffic traffic)
    {
        var now = _clock.Now;
        var late = ApplyEvents(traffic, now, lateOnly: true);
        var changed = await EnsureCurrentWeekAsync(now);
        return (late + ApplyEvents(traffic, now, lateOnly: false), changed);
    }

    // An outcome still counts for the week it happened in while that week is open: a late Sunday open, or the day's
    // activity sent after midnight, lands before the week closes, so the week's reward in the learning log is whole.
    // So the open week is returned when now is already past it, null otherwise.
    private IsoWeek? OpenPastWeek(DateTimeOffset now) =>
        State.Week is { } open && IsoWeek.Parse(open.Week) is var week && IsoWeek.Containing(now) != week ? week : null;

    // Applies a batch's new events (feedback, then activity); with lateOnly, only those of the open past week,
    // found once: applying events never closes a week.
    private int ApplyEvents(MemberTraffic traffic, DateTimeOffset now, bool lateOnly)
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

    // The week's list feeds the learning log (up to its cap); past the cap, decisions only need to serve replays.
    private void Remember(WeekState week, DecisionRecord decision)
    {
        if (week.Decisions.Count < _options.DecisionsPerWeek)
        {
            week.Decisions.Add(decision);
        }
        else
        {
            State.ReplayTail.Add(decision);
            TrimReplayTail();
        }

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
        while (State.RecentEventIds.Count > _options.EventWindow)
        {
            _eventIds.Remove(State.RecentEventIds[0]);
            State.RecentEventIds.RemoveAt(0);
        }

        return true;
    }

    private async Task WriteAsync()
    {
        State.ReminderRegistered = true;
        try
        {
            await _state.WriteStateAsync();
        }
        catch
        {
            _unwrittenTallies.Clear();
            throw;
        }

        foreach (var (version, day, tally) in _unwrittenTallies)
        {
            _tallies.Record(version, day, tally);
        }

        _unwrittenTallies.Clear();
    }

    private async Task RegisterWeeklyReminderAsync()
    {
        // Due at the start of next week plus an offset spread by a hash of the id, so millions of plans do not fire at once.
        var now = _clock.Now;
        var offset = _options.ReminderSpread * MemberHash.Unit("reminder|" + MemberId);
        var due = IsoWeek.Containing(now).End + offset - now;
        await this.RegisterOrUpdateReminder(WeeklyReminder, due, TimeSpan.FromDays(7));
    }

    // The bandit's immediate outcome: engagement within a day of the send, so a late open does not count for it.
    private void MarkEngaged(WeekState week, string messageId, DateTimeOffset time)
    {
        var index = week.Decisions.FindIndex(d => d.Send && d.MessageId == messageId);
        if (index < 0 || week.Decisions[index] is not { Engaged: false } sent || time - sent.Time > EngagementWindow || time < sent.Time)
        {
            return;
        }

        week.Decisions[index] = sent with { Engaged = true };
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
        ActivityMinutes = week.ActivityMinutes,
        OptedOut = week.OptedOut,
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
        (Channel)message.Channel,
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

    private static ChannelSwitches Switch(ChannelSwitches channels, MessageChannel channel, bool on) => channel switch
    {
        MessageChannel.Push => channels with { Push = on },
        MessageChannel.Email => channels with { Email = on },
        _ => channels with { InApp = on },
    };

    private static string PolicyName(ArmPolicy policy) => policy.ToString().ToLowerInvariant();

    private static string PacingName(PacingProfile profile) => profile switch
    {
        PacingProfile.DayOfWeek => "day-of-week",
        PacingProfile.ActivityConditioned => "activity-conditioned",
        PacingProfile.LaunchBurst => "launch-burst",
        PacingProfile.RelevanceWeighted => "relevance-weighted",
        _ => "uniform",
    };

    private static string WireName(MessageChannel channel) => channel switch
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

    // A new decision and the candidate it sends, if any.
    private readonly record struct Decided(SendDecision Decision, CandidateMessage? Chosen);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Member {MemberId} planned {Week} on arm {Arm}: {Push} push, {Email} email")]
    private static partial void LogPlanned(ILogger logger, string memberId, IsoWeek week, string arm, int push, int email);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Member {MemberId} closed {Week}: {EngagedDays} engaged days, {Push} push, {Email} email sent")]
    private static partial void LogWeekClosed(ILogger logger, string memberId, string week, int engagedDays, int push, int email);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Member {MemberId} cut {Week}'s budgets after a strong signal to {Push} push, {Email} email, {InApp} in-app")]
    private static partial void LogBudgetCut(ILogger logger, string memberId, string week, int push, int email, int inApp);

    [LoggerMessage(Level = LogLevel.Information, Message = "Member {MemberId} forgotten")]
    private static partial void LogForgotten(ILogger logger, string memberId);
}
