using NotificationActors.Abstractions.Members;
using NotificationActors.FieldTrial.World;

namespace NotificationActors.FieldTrial.Trial;

/// <summary>One member in one policy's copy of the world, with what callers have learnt of it and what the trial counts.</summary>
internal sealed class Participant(WorldMember world, string memberId)
{
    private readonly HashSet<MessageChannel> _knownLeft = [];
    private readonly int[] _sends = new int[3];
    private readonly int[] _sentThisWeek = new int[3];
    private readonly int[] _optOuts = new int[3];
    private DayOutcome? _yesterday;

    public WorldMember World { get; } = world;

    /// <summary>The member's id at the silo.</summary>
    public string MemberId { get; } = memberId;

    public Segment Segment => World.Traits.Segment;

    /// <summary>Channels the feedback reported so far says the member left.</summary>
    public IReadOnlySet<MessageChannel> KnownLeft => _knownLeft;

    public int EngagedDays { get; private set; }

    /// <summary>Channels the member left during the trial (the truth, not what callers were told).</summary>
    public int OptOuts { get; private set; }

    public int InAppWasted { get; private set; }

    /// <summary>Opt-outs of <paramref name="channel"/> during the trial: 1 if the member left it, else 0.</summary>
    public int OptOutsOf(MessageChannel channel) => _optOuts[(int)channel];

    public int Sends(MessageChannel channel) => _sends[(int)channel];

    /// <summary>Sends per channel since the last <see cref="StartWeek"/>, from the policy's decisions.</summary>
    public int SentThisWeek(MessageChannel channel) => _sentThisWeek[(int)channel];

    public void StartWeek() => Array.Clear(_sentThisWeek);

    /// <summary>
    /// Yesterday's outcome, to report with today's call (feedback and activity arrive a day late, as opens arriving
    /// hours after a send do); from now on callers know the channels it says the member left.
    /// </summary>
    public DayOutcome? TakeYesterday()
    {
        var yesterday = _yesterday;
        _yesterday = null;
        if (yesterday is not null) _knownLeft.UnionWith(yesterday.OptedOut);
        return yesterday;
    }

    /// <summary>Lives the day with the policy's <paramref name="sends"/> and counts it.</summary>
    public DayOutcome Live(int day, IReadOnlyList<Send> sends)
    {
        var outcome = World.Live(day, sends);
        foreach (var send in sends)
        {
            _sends[(int)send.Message.Channel]++;
            _sentThisWeek[(int)send.Message.Channel]++;
        }

        if (outcome.Engaged) EngagedDays++;
        OptOuts += outcome.OptedOut.Count;
        foreach (var channel in outcome.OptedOut) _optOuts[(int)channel]++;
        InAppWasted += outcome.InAppWasted;
        _yesterday = outcome;
        return outcome;
    }
}
