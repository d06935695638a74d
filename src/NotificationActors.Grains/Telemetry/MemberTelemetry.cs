using System.Diagnostics;
using System.Diagnostics.Metrics;
using NotificationActors.Abstractions.Members;
using NotificationActors.Grains.Members;
using NotificationActors.Grains.Policies;

namespace NotificationActors.Grains.Telemetry;

/// <summary>
/// The product's own metrics and spans (documented names, docs/operations.md "Telemetry"). Instruments cost a flag check when
/// nobody listens, and spans are only created when a listener samples them, so the hot path pays nothing without
/// an exporter.
/// </summary>
public sealed class MemberTelemetry
{
    /// <summary>Name of the meter and of the activity source.</summary>
    public const string Name = "NotificationActors";

    /// <summary>Spans of member grain operations (offer, feedback, activity, plan).</summary>
    public static readonly ActivitySource Source = new(Name);

    private readonly Counter<long> _decisions;
    private readonly Counter<long> _sends;
    private readonly Counter<long> _plans;
    private readonly Counter<long> _optOuts;
    private readonly Counter<long> _logRecords;
    private readonly Histogram<double> _reminderLateness;

    public MemberTelemetry(IMeterFactory meters, PolicyEngine engine)
    {
        ArgumentNullException.ThrowIfNull(meters);
        ArgumentNullException.ThrowIfNull(engine);
        Meter = meters.Create(Name);
        _decisions = Meter.CreateCounter<long>("notification_actors.decisions", "{decision}", "Send-opportunity decisions, by outcome, reason, arm and ranking arm.");
        _sends = Meter.CreateCounter<long>("notification_actors.sends", "{message}", "Messages sent, by channel and priority.");
        _plans = Meter.CreateCounter<long>("notification_actors.plans", "{plan}", "Weekly plans made, by arm, policy and action (push x email).");
        _optOuts = Meter.CreateCounter<long>("notification_actors.opt_outs", "{event}", "Opt-outs and unsubscribes, by channel and type.");
        _logRecords = Meter.CreateCounter<long>("notification_actors.learning_log.records", "{record}", "Member-week records appended to the learning log.");
        _reminderLateness = Meter.CreateHistogram<double>("notification_actors.reminder.lateness", "s", "How late a weekly replanning tick arrived after its scheduled time.");
        Meter.CreateObservableGauge("notification_actors.model_version", () => engine.ModelVersions.Select(v => new Measurement<int>(1, new KeyValuePair<string, object?>("version", v))), "{model}", "Reward model versions in use (1 per version).");
    }

    /// <summary>The meter this silo's instruments belong to (one per service provider).</summary>
    public Meter Meter { get; }

    public void Decision(bool send, string reason, string arm, string? channel, string? ranking = null) =>
        _decisions.Add(1, new("outcome", send ? "send" : "hold"), new("reason", reason), new("arm", arm), new("channel", channel ?? "none"), new("ranking", ranking ?? "none"));

    public void Sent(string channel, bool transactional) =>
        _sends.Add(1, new("channel", channel), new("priority", transactional ? "transactional" : "normal"));

    /// <summary>A new decision and what it sent, counted once its write succeeded.</summary>
    internal void Count(MemberModel.Decided decided)
    {
        var (decision, chosen) = (decided.Decision, decided.Chosen);
        Decision(decision.Send, decision.Reason, decision.Arm, decision.Channel is { } sentOn ? MemberModel.WireName(sentOn) : null, decided.RankingArm);
        if (chosen is not null)
        {
            Sent(MemberModel.WireName(chosen.Channel), chosen.Priority == MessagePriorityLevel.Transactional);
        }
    }

    public void Planned(string arm, string policy, int? push, int? email) =>
        _plans.Add(1, new("arm", arm), new("policy", policy), new("action", push is null ? "none" : $"{push}x{email}"));

    public void OptedOut(string channel, string type) => _optOuts.Add(1, new("channel", channel), new("type", type));

    public void LogRecordWritten(string arm) => _logRecords.Add(1, new KeyValuePair<string, object?>("arm", arm));

    public void ReminderLateness(TimeSpan lateness) => _reminderLateness.Record(Math.Max(0, lateness.TotalSeconds));
}
