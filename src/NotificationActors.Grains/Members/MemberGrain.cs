using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NotificationActors.Abstractions.Learning;
using NotificationActors.Abstractions.Members;
using NotificationActors.Grains.Calibration;
using NotificationActors.Grains.Experiments;
using NotificationActors.Grains.Hosting;
using NotificationActors.Grains.Policies;
using NotificationActors.Grains.Telemetry;
using NotificationActors.Grains.Training;
using NotificationActors.Grains.Validation;
using NotificationActors.Policy.Slow;
using NotificationActors.Policy.Time;
using Orleans.Storage;

namespace NotificationActors.Grains.Members;

/// <summary>
/// One member as a grain: its calls, activation, the weekly reminder, persistence and telemetry, over the
/// <see cref="MemberModel"/> that holds the state's rules. Every call first makes sure the current week has a plan,
/// because Orleans skips reminder ticks missed during an outage (docs/orleans-semantics.md); the weekly reminder is
/// the normal path. A call returns only after its state write succeeded, so an acknowledged decision is never lost
/// and a stale activation (ETag conflict) can never double-send.
/// </summary>
/// <remarks>
/// The state is a <see cref="DirectGrainState{T}"/> in the <see cref="StorageName"/> provider, not
/// <c>[PersistentState]</c>: the member writes on nearly every call, and Orleans' state bridge yields before each write.
/// </remarks>
public sealed partial class MemberGrain(
    [FromKeyedServices(MemberGrain.StorageName)] IGrainStorage storage,
    IGrainContext context,
    PolicyEngine engine,
    ILearningLog log,
    MemberClock clock,
    IOptions<MemberGrainOptions> options,
    MemberTelemetry telemetry,
    MemberCalibration calibration,
    LoopServings servings,
    ILogger<MemberGrain> logger) : Grain, IMemberGrain, IRemindable
{
    /// <summary>The grain storage member state lives in.</summary>
    public const string StorageName = "members";

    /// <summary>The weekly replanning reminder.</summary>
    public const string WeeklyReminder = "weekly-plan";

    private readonly DirectGrainState<MemberState> _state = new(storage, "member", context);
    private MemberModel _member = null!;
    private string? _memberId;

    // Orleans decodes the key into a new string on every call; decoded once per activation.
    private string MemberId => _memberId ??= this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await _state.ReadAsync();
        if (RequestValidator.MemberId(MemberId) is { Count: > 0 } idErrors)
        {
            // No client or route reaches an invalid id any more; one stored before ids needed a letter or digit is
            // activated only by its weekly reminder, and forgotten then, so it cannot linger unreadable and undeletable.
            if (Stored) await ForgetStoredAsync();
            RequestValidator.ThrowIfInvalid(idErrors, "member id");
        }

        _member = NewModel();
        if (Stored && _state.State.ReminderUnconfirmed)
        {
            // The first write and its reminder ran at once and nothing confirmed the reminder since (FirstWriteAsync).
            await RegisterWeeklyReminderAsync();
            _state.State.ReminderUnconfirmed = false;
        }
    }

    public async ValueTask<SendDecision> OfferOpportunity(SendOpportunity opportunity)
    {
        RequestValidator.ThrowIfInvalid(RequestValidator.Opportunity(opportunity), "send opportunity");
        if (_member.Replay(opportunity.OpportunityId) is { } first)
        {
            return first;
        }

        MemberAdmission.ThrowIfRefused(_member, options.Value, clock.Now, opportunity);
        using var activity = MemberTelemetry.Source.StartActivity("member.offer");
        activity?.SetTag("member.id", MemberId);
        activity?.SetTag("opportunity.candidates", opportunity.Candidates.Count);
        await EnsureCurrentWeekAsync(clock.Now);
        var decided = _member.DecideAndRecord(opportunity);
        await WriteAsync();
        telemetry.Count(decided);
        activity?.SetTag("decision.reason", decided.Decision.Reason);
        return decided.Decision;
    }

    public ValueTask<EventReceipt> RecordFeedback(FeedbackEvent feedback)
    {
        RequestValidator.ThrowIfInvalid(RequestValidator.Feedback(feedback), "feedback event");
        MemberAdmission.ThrowIfRefused(_member, options.Value, clock.Now, feedback);
        return RecordEventAsync(feedback.EventId, new MemberTraffic { Feedback = [feedback] });
    }

    public ValueTask<EventReceipt> RecordActivity(ActivityEvent activity)
    {
        RequestValidator.ThrowIfInvalid(RequestValidator.Activity(activity), "activity event");
        MemberAdmission.ThrowIfRefused(_member, options.Value, clock.Now, activity);
        return RecordEventAsync(activity.EventId, new MemberTraffic { Activity = [activity] });
    }

    public async ValueTask<TrafficReceipt> ApplyTraffic(MemberTraffic traffic)
    {
        RequestValidator.ThrowIfInvalid(traffic);
        MemberAdmission.ThrowIfRefused(_member, options.Value, clock.Now, traffic);
        if (!Stored && traffic.Opportunities.Count + traffic.Feedback.Count + traffic.Activity.Count == 0)
        {
            // Nothing to apply tells the silo of no member: an empty batch stores none.
            return new TrafficReceipt { Decisions = [], EventsApplied = 0 };
        }

        using var activity = MemberTelemetry.Source.StartActivity("member.traffic");
        activity?.SetTag("member.id", MemberId);
        activity?.SetTag("traffic.opportunities", traffic.Opportunities.Count);
        var decisions = _member.Replays(traffic.Opportunities);
        var (applied, changed) = await ApplyEventsAsync(traffic);

        var decided = _member.Decide(traffic.Opportunities, decisions);
        if (changed || applied > 0 || decided.Count > 0)
        {
            await WriteAsync();
        }

        for (var i = 0; i < decided.Count; i++)
        {
            telemetry.Count(decided[i]);
        }

        return new TrafficReceipt { Decisions = decisions, EventsApplied = applied };
    }

    public async ValueTask<MemberPreferences> SetPreferences(MemberPreferences preferences)
    {
        RequestValidator.ThrowIfInvalid(RequestValidator.Preferences(preferences), "preferences");
        // Applied before the week check, so a member's first plan already honours them.
        _member.SetPreferences(preferences);
        await EnsureCurrentWeekWrittenAsync(always: true);
        return _member.State.Preferences;
    }

    public async ValueTask SetFeatures(IReadOnlyDictionary<string, double> features)
    {
        RequestValidator.ThrowIfInvalid(RequestValidator.Features(features), "features");
        // Applied before the week check, so a new member's first plan starts from what the platform knows.
        _member.SetFeatures(features);
        await EnsureCurrentWeekWrittenAsync(always: true);
    }

    public async ValueTask<PlanView> GetPlan()
    {
        ThrowIfUnknown();
        await EnsureCurrentWeekWrittenAsync();
        return _member.PlanView();
    }

    public async ValueTask<PlanView> Replan()
    {
        ThrowIfUnknown();
        var now = clock.Now;
        await EnsureCurrentWeekAsync(now);
        await PlanAsync(IsoWeek.Parse(_member.State.Week!.Week), now, _member.State.Plan!.Arm);
        await WriteAsync();
        return _member.PlanView();
    }

    public async ValueTask<MemberView> GetMember()
    {
        ThrowIfUnknown();
        await EnsureCurrentWeekWrittenAsync();
        return _member.View();
    }

    public async ValueTask Forget()
    {
        await ForgetStoredAsync();
        _member = NewModel();
        DeactivateOnIdle();
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != WeeklyReminder)
        {
            return;
        }

        if (!Stored)
        {
            // A reminder outliving its member (a forget that failed between its steps) ends here.
            await UnregisterWeeklyReminderAsync();
            DeactivateOnIdle();
            return;
        }

        telemetry.ReminderLateness(clock.Now.UtcDateTime - status.CurrentTickTime);
        await EnsureCurrentWeekWrittenAsync();
    }

    private async Task ForgetStoredAsync()
    {
        await _state.ClearAsync();
        await UnregisterWeeklyReminderAsync();
        await log.ForgetMemberAsync(MemberId);
        LogForgotten(logger, MemberId);
    }

    private async Task UnregisterWeeklyReminderAsync()
    {
        if (await this.GetReminder(WeeklyReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    // Reads roll the week like any call (a missed reminder must not leave a member without a plan); the roll is written.
    private async ValueTask EnsureCurrentWeekWrittenAsync(bool always = false)
    {
        if (await EnsureCurrentWeekAsync(clock.Now) || always)
        {
            await WriteAsync();
        }
    }

    // Every write marks the state: a member whose state was never written (or was forgotten) is unknown.
    private bool Stored => _state.State.ReminderRegistered;

    // Reads never create a member: an unknown one is refused, and its activation (holding nothing) collected.
    private void ThrowIfUnknown()
    {
        if (Stored) return;
        DeactivateOnIdle();
        throw RequestValidator.Refused(MemberRefusal.UnknownMember, "Unknown member",
            new Dictionary<string, string[]> { ["memberId"] = [$"No member '{MemberId}' is stored; reads never create one."] });
    }

    private MemberModel NewModel() => new(MemberId, _state.State, engine, options.Value, clock, telemetry, logger);

    // Closes the week the counters belong to (learning-log record, learned features), opens and plans the current
    // week if it has no plan, or re-prices the plan's budgets if the population's opt-outs rose. Returns whether
    // state changed.
    private async ValueTask<bool> EnsureCurrentWeekAsync(DateTimeOffset now)
    {
        await calibration.BeforeCallAsync(now);
        var current = _member.CurrentWeek(now);
        var changed = false;
        if (_member.HasWeekToClose(current))
        {
            // The log is written before the state; if the state write then fails, the retry appends the same key: a no-op.
            if (_member.ClosingRecord() is { } record)
            {
                await log.AppendAsync(record);
                telemetry.LogRecordWritten(record.Arm);
            }

            _member.CloseWeek(current);
            changed = true;
        }

        changed |= _member.OpenWeek(current);
        if (_member.NeedsPlan(current))
        {
            await PlanAsync(current, now, arm: null);
            return true;
        }

        return await calibration.RecalibrateAsync(_member, now) || changed;
    }

    // Plans the week on the arm's slow policy, pricing opt-outs at the population's level of the day when calibration is on.
    private async ValueTask PlanAsync(IsoWeek week, DateTimeOffset now, string? arm)
    {
        await servings.EnsureAsync(week);
        var armOptions = _member.ArmOf(arm);
        var key = _member.CalibrationKeyFor(armOptions);
        var scale = await calibration.ForPlanAsync(key, now);

        // A plan anchored to a champion of another lineage (a trained version's to the prior's) draws its region
        // around the plan the champion's own members get, at that lineage's scale. The population's rates describe the
        // arm's members, not a model, so a challenger's members read the champion's, as its other members do: on a
        // trial's two sides they would otherwise differ, and mark which side a member is on.
        var anchor = _member.AnchorCalibrationKeyFor(armOptions);
        _member.AnchorScale = anchor is null ? null : await calibration.ForPlanAsync(anchor, now);
        _member.PopulationRates = await calibration.RatesForPlanAsync(anchor ?? key, now);
        var counterpart = engine.TrialCounterpart(armOptions, _member.MemberId) is { } other ? await PricedAsync(armOptions, other, now) : null;
        _member.State.Plan = _member.MakePlan(week, now, armOptions, engine.SlowPolicy(armOptions, _member.MemberId, scale, _member.AnchorScale ?? scale), scale, counterpart);
    }

    // A slow policy of the arm other than the member's own, pricing opt-outs at the day's scales of its lineage and of the
    // champion it is anchored to, as its own members' plans are priced.
    private async ValueTask<SlowPolicy> PricedAsync(ArmOptions arm, SlowPolicy policy, DateTimeOffset now)
    {
        var scale = await calibration.ForPlanAsync(MemberModel.CalibrationKeyFor(arm, policy), now);
        var anchorScale = MemberModel.AnchorCalibrationKeyFor(arm, policy) is { } anchor ? await calibration.ForPlanAsync(anchor, now) : scale;
        return engine.Scaled(arm, policy, scale, anchorScale);
    }

    // A single feedback or activity event, as a batch of one: idempotent by event id, acknowledged after the write.
    private async ValueTask<EventReceipt> RecordEventAsync(string eventId, MemberTraffic one)
    {
        if (_member.KnowsEvent(eventId))
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
        var now = clock.Now;
        var late = _member.ApplyEvents(traffic, now, lateOnly: true);
        var changed = await EnsureCurrentWeekAsync(now);
        var applied = late + _member.ApplyEvents(traffic, now, lateOnly: false);
        _member.TrimEventWindow();
        return (applied, changed);
    }

    // Writes the state; only then do the call's opt-out tallies reach the population's (a failed write drops them).
    // Most calls have none, and return the write itself rather than a state machine around it.
    private Task WriteAsync()
    {
        if (!Stored) return FirstWriteAsync();
        var unwritten = _member.TakeUnwrittenTallies();
        return unwritten.Length == 0 ? _state.WriteAsync() : WriteThenHandInAsync(unwritten);

        async Task WriteThenHandInAsync((string Key, DateOnly Day, OptOutTally Tally)[] tallies)
        {
            await _state.WriteAsync();
            calibration.Written(tallies);
        }
    }

    // A member's first write comes with its weekly reminder. Where the state's layout can say that the reminder is
    // unconfirmed, the two run at once (on one store they share a commit) and the state is stored with the flag: a
    // member a crash left without its reminder gets it again at its next activation (its next call, as the reminder
    // itself is missing). Otherwise the reminder is registered first, so stored state always has one.
    private async Task FirstWriteAsync()
    {
        var atOnce = options.Value.StoresUnconfirmedReminder;
        if (!atOnce) await RegisterWeeklyReminderAsync();
        _state.State.ReminderRegistered = true;
        _state.State.ReminderUnconfirmed = atOnce;
        Task? write = null;
        try
        {
            write = WriteAsync();
            Task reminder = atOnce ? RegisterWeeklyReminderAsync() : Task.CompletedTask;
            await Task.WhenAll(reminder, write);
            _state.State.ReminderUnconfirmed = false;
        }
        catch when (write is { IsCompletedSuccessfully: true })
        {
            // Stored with the reminder unconfirmed: the next activation registers it again.
            DeactivateOnIdle();
            throw;
        }
        catch
        {
            // Unwritten, the member is still unknown: this activation's unsaved state goes, and its reminder, when it
            // fires, finds nothing stored and unregisters itself.
            (_state.State.ReminderRegistered, _state.State.ReminderUnconfirmed) = (false, false);
            DeactivateOnIdle();
            throw;
        }
    }

    private Task<IGrainReminder> RegisterWeeklyReminderAsync() =>
        this.RegisterOrUpdateReminder(WeeklyReminder, _member.FirstReminderDue(clock.Now), TimeSpan.FromDays(7));

    [LoggerMessage(Level = LogLevel.Information, Message = "Member {MemberId} forgotten")]
    private static partial void LogForgotten(ILogger logger, string memberId);
}
