using NotificationActors.Abstractions.Members;
using NotificationActors.FieldTrial.Trial;

namespace NotificationActors.FieldTrial.Silo;

/// <summary>Checks each silo member's week against its plan, from the decisions the driver saw; safe to call concurrently.</summary>
internal sealed class BudgetAudit
{
    private static readonly MessageChannel[] Channels = [MessageChannel.Push, MessageChannel.Email, MessageChannel.InApp];

    private readonly long[] _violations = new long[3];
    private readonly long[] _sends = new long[3];
    private readonly Lock _scalesGate = new();
    private readonly SortedDictionary<string, ScaleSum> _scalesByWeek = new(StringComparer.Ordinal);
    private long _memberWeeks;
    private long _mismatches;

    /// <summary>Counts the week <paramref name="participant"/> just lived against <paramref name="plan"/>, read before the week closed.</summary>
    public void Check(PlanView plan, Participant participant)
    {
        Interlocked.Increment(ref _memberWeeks);
        var mismatch = false;
        foreach (var channel in Channels)
        {
            var (cap, reported) = channel switch
            {
                MessageChannel.Push => (plan.Push, plan.Sent.Push),
                MessageChannel.Email => (plan.Email, plan.Sent.Email),
                _ => (plan.InApp, plan.Sent.InApp),
            };
            var sent = participant.SentThisWeek(channel);
            Interlocked.Add(ref _sends[(int)channel], sent);
            if (cap is { } budget ? sent > budget : sent > 0)
            {
                Interlocked.Increment(ref _violations[(int)channel]);
            }

            mismatch |= reported != sent;
        }

        if (mismatch) Interlocked.Increment(ref _mismatches);
        if (plan.OptOutScale is { } scale)
        {
            lock (_scalesGate)
            {
                _scalesByWeek[plan.Week] = _scalesByWeek.GetValueOrDefault(plan.Week, ScaleSum.None) + new ScaleSum(scale.Push, scale.Email, 1);
            }
        }
    }

    public AuditCounts Counts() => new(
        Interlocked.Read(ref _memberWeeks),
        new ChannelTotals(Interlocked.Read(ref _violations[0]), Interlocked.Read(ref _violations[1]), Interlocked.Read(ref _violations[2])),
        new ChannelTotals(Interlocked.Read(ref _sends[0]), Interlocked.Read(ref _sends[1]), Interlocked.Read(ref _sends[2])),
        Interlocked.Read(ref _mismatches),
        ScalesByWeek());

    // ISO week names sort as the weeks do.
    private ScaleSum[] ScalesByWeek()
    {
        lock (_scalesGate) return [.. _scalesByWeek.Values];
    }
}
