using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using NotificationActors.Grains.Telemetry;

namespace NotificationActors.Silo.Dashboard;

/// <summary>
/// What the notifications page shows, aggregated in the silo from its own product meter: plans by action and arm,
/// decisions and sends by pacing arm and by ranking arm, sends per channel over time, decision reasons, opt-outs.
/// One silo's counts since it started; <see cref="NotificationStatsReporter"/> sends them to the cluster's
/// <see cref="INotificationStatsGrain"/>, so every silo's page shows them all.
/// </summary>
internal sealed class NotificationStats : IDisposable
{
    /// <summary>Width of one point of the sends-over-time series.</summary>
    public static readonly TimeSpan Bucket = TimeSpan.FromSeconds(5);

    private const int Buckets = 120;

    private readonly MeterListener _listener;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, long> _plansByAction = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _sendsByChannel = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _reasons = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _optOuts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Arm, string Measure), long> _arms = new();
    private readonly ConcurrentDictionary<(string Arm, string Measure), long> _rankings = new();
    private readonly ConcurrentDictionary<(long Bucket, string Channel), long> _sendSeries = new();
    private long _newestBucket;

    public NotificationStats(MemberTelemetry telemetry, TimeProvider time)
    {
        _time = time;
        _listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) => { if (ReferenceEquals(instrument.Meter, telemetry.Meter)) listener.EnableMeasurementEvents(instrument); },
        };
        _listener.SetMeasurementEventCallback<long>(OnMeasurement);
        _listener.Start();
    }

    /// <summary>Points the sends-over-time series holds: at most its window per channel, however long the silo runs.</summary>
    public int SeriesPoints => _sendSeries.Count;

    public NotificationSnapshot Snapshot()
    {
        var now = _time.GetUtcNow();
        var current = now.Ticks / Bucket.Ticks;
        var series = _sendSeries.Keys.Select(k => k.Channel).Append("push").Append("email").Append("inapp").Distinct(StringComparer.Ordinal)
            .ToDictionary(channel => channel, channel => Enumerable.Range(0, Buckets).Select(i => _sendSeries.GetValueOrDefault((current - Buckets + 1 + i, channel))).ToArray(), StringComparer.Ordinal);
        return new NotificationSnapshot(
            now,
            new DateTimeOffset((current - Buckets + 1) * Bucket.Ticks, TimeSpan.Zero),
            new Dictionary<string, long>(_plansByAction),
            new Dictionary<string, long>(_sendsByChannel),
            new Dictionary<string, long>(_reasons),
            new Dictionary<string, long>(_optOuts),
            ByArm(_arms),
            ByArm(_rankings),
            series,
            (long)Bucket.TotalSeconds);
    }

    public void Dispose() => _listener.Dispose();

    // The series keeps its last buckets as sends arrive, whether or not anyone watches: pruned in a read, it grew by
    // a point per channel every five seconds on a silo nobody looked at.
    private void ForgetBefore(long oldestKept)
    {
        foreach (var key in _sendSeries.Keys)
        {
            if (key.Bucket < oldestKept) _sendSeries.TryRemove(key, out _);
        }
    }

    private static Dictionary<string, Dictionary<string, long>> ByArm(ConcurrentDictionary<(string Arm, string Measure), long> counts) =>
        counts.GroupBy(a => a.Key.Arm).ToDictionary(g => g.Key, g => g.ToDictionary(a => a.Key.Measure, a => a.Value));

    private static void Count(ConcurrentDictionary<(string Arm, string Measure), long> counts, string arm, bool sent, long value)
    {
        counts.AddOrUpdate((arm, "decisions"), value, (_, old) => old + value);
        if (sent) counts.AddOrUpdate((arm, "sends"), value, (_, old) => old + value);
    }

    private void OnMeasurement(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        string Tag(ReadOnlySpan<KeyValuePair<string, object?>> all, string name)
        {
            foreach (var tag in all)
            {
                if (tag.Key == name) return tag.Value as string ?? "";
            }

            return "";
        }

        switch (instrument.Name)
        {
            case "notification_actors.plans":
                _plansByAction.AddOrUpdate(Tag(tags, "action"), value, (_, old) => old + value);
                _arms.AddOrUpdate((Tag(tags, "arm"), "plans"), value, (_, old) => old + value);
                break;
            case "notification_actors.sends":
                var channel = Tag(tags, "channel");
                _sendsByChannel.AddOrUpdate(channel, value, (_, old) => old + value);
                var bucket = _time.GetUtcNow().Ticks / Bucket.Ticks;
                _sendSeries.AddOrUpdate((bucket, channel), value, (_, old) => old + value);
                if (Interlocked.Exchange(ref _newestBucket, bucket) != bucket) ForgetBefore(bucket - Buckets + 1);
                break;
            case "notification_actors.decisions":
                _reasons.AddOrUpdate(Tag(tags, "reason"), value, (_, old) => old + value);
                var sent = Tag(tags, "outcome") == "send";
                Count(_arms, Tag(tags, "arm"), sent, value);
                Count(_rankings, Tag(tags, "ranking"), sent, value);
                break;
            case "notification_actors.opt_outs":
                _optOuts.AddOrUpdate(Tag(tags, "channel"), value, (_, old) => old + value);
                break;
        }
    }
}
