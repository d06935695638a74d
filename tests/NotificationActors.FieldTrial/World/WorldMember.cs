using NotificationActors.Abstractions.Members;

namespace NotificationActors.FieldTrial.World;

/// <summary>
/// One policy's copy of a member, living day by day. Each day the habit and the annoyance decay; the day's push and
/// email messages arrive in time order, each annoying, perhaps opened (a click brings the member in and builds the
/// habit), dismissed or answered by leaving the channel; then the member visits or not; in-app messages are seen only
/// during a visit (otherwise they are wasted), annoy less and have their own response.
/// </summary>
internal sealed class WorldMember
{
    private static readonly TimeSpan OrganicVisitFrom = TimeSpan.FromHours(12);
    private static readonly TimeSpan OrganicVisitSpread = TimeSpan.FromHours(11);
    private static readonly TimeSpan ReactionDelayFrom = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan ReactionDelaySpread = TimeSpan.FromHours(3);

    // Members play something on most visits even when no message brought them.
    private const double OrganicPlayChance = 0.6;

    // However annoyed, a member opens at most this share of messages and leaves a channel on at most half of them.
    private const double MaxOpenChance = 0.95;
    private const double MaxOptOutChance = 0.5;

    private readonly WorldOptions _options;
    private readonly WorldRandom _random;
    private readonly HashSet<MessageChannel> _optedOut = [];
    private readonly double _annoyanceDecay;
    private readonly double _habitDecay;
    private int _nextDay;

    public WorldMember(MemberTraits traits, WorldOptions options, WorldRandom random)
    {
        Traits = traits;
        _options = options;
        _random = random;
        _annoyanceDecay = Math.Pow(0.5, 1 / options.Annoyance.HalfLifeDays);
        _habitDecay = Math.Pow(0.5, 1 / options.Habit.HalfLifeDays);
    }

    public MemberTraits Traits { get; }

    /// <summary>Visit-logit lift built by clicked messages.</summary>
    public double Habit { get; private set; }

    /// <summary>The annoyance shared by all channels.</summary>
    public double Annoyance { get; private set; }

    public bool HasLeft(MessageChannel channel) => _optedOut.Contains(channel);

    /// <summary>The chance of visiting today, before any message of the day.</summary>
    public double VisitChance => Population.Logistic(Traits.VisitLogit + Habit - (_options.Annoyance.VisitDrag * Math.Max(0, Annoyance - _options.Annoyance.VisitDragFrom)));

    /// <summary>Lives <paramref name="day"/> (days come in order, from 0) with the messages the policy sent, at most one per opportunity.</summary>
    public DayOutcome Live(int day, IReadOnlyList<Send> sends)
    {
        if (day != _nextDay) throw new InvalidOperationException($"Member {Traits.Index} lives day {_nextDay} next, not day {day}.");
        if (sends.Select(s => s.Opportunity.Slot).Distinct().Count() != sends.Count) throw new ArgumentException("At most one message per opportunity.", nameof(sends));
        _nextDay++;
        Annoyance *= _annoyanceDecay;
        Habit *= _habitDecay;

        var day0 = TimeSpan.FromDays(day);
        var reactions = new List<Reaction>();
        var optedOut = new List<MessageChannel>();
        TimeSpan? broughtIn = null;
        var played = false;
        foreach (var send in sends.Where(s => s.Message.Channel != MessageChannel.InApp).OrderBy(s => s.Opportunity.At))
        {
            if (HasLeft(send.Message.Channel)) continue;
            var response = Meet(day, send, send.Opportunity.At, reactions, optedOut);
            if (response.ClickedAt is { } clicked && (broughtIn is null || clicked < broughtIn)) broughtIn = clicked;
            played |= response.Played;
        }

        var organic = _random.Uniform(Traits.Index, day, Draw.Visit) < VisitChance;
        var organicAt = day0 + OrganicVisitFrom + (OrganicVisitSpread * _random.Uniform(Traits.Index, day, Draw.VisitTime));
        TimeSpan? visitAt = organic && (broughtIn is null || organicAt < broughtIn) ? organicAt : broughtIn;

        var wasted = 0;
        foreach (var send in sends.Where(s => s.Message.Channel == MessageChannel.InApp).OrderBy(s => s.Opportunity.At))
        {
            if (visitAt is not { } seen || HasLeft(MessageChannel.InApp))
            {
                wasted++;
                continue;
            }

            // Shown at the day's visit, or at once if the member is already in the app when it is sent.
            var shownAt = seen > send.Opportunity.At ? seen : send.Opportunity.At;
            played |= Meet(day, send, shownAt, reactions, optedOut).Played;
        }

        Visit? visit = null;
        if (visitAt is { } at)
        {
            var minutes = Traits.SessionMinutes * (0.5 + _random.Uniform(Traits.Index, day, Draw.Minutes));
            played |= _random.Uniform(Traits.Index, day, Draw.OrganicPlay) < OrganicPlayChance;
            visit = new Visit(at, Math.Round(minutes, 1), played);
        }

        return new DayOutcome(day, visit, reactions, optedOut, wasted);
    }

    // A message reaches the member at `at`: it annoys, then is opened (and maybe clicked, building the habit, and
    // played), or dismissed; either way the member may leave its channel.
    private (TimeSpan? ClickedAt, bool Played) Meet(int day, Send send, TimeSpan at, List<Reaction> reactions, List<MessageChannel> optedOut)
    {
        var message = send.Message;
        var channel = _options.Channels.For(message.Channel);
        var key = send.Opportunity.Slot;
        Annoyance += channel.Annoyance;
        reactions.Add(new Reaction(message.MessageId, message.Channel, ReactionKind.Delivered, at));

        TimeSpan? clickedAt = null;
        var played = false;
        var open = Math.Min(MaxOpenChance, channel.Response * Traits.Responsiveness * 2 * message.Interest * Math.Exp(-_options.Annoyance.ResponseDrag * Annoyance));
        var later = at + ReactionDelayFrom + (ReactionDelaySpread * _random.Uniform(Traits.Index, day, Draw.ReactionDelay, key));
        if (_random.Uniform(Traits.Index, day, Draw.Open, key) < open)
        {
            reactions.Add(new Reaction(message.MessageId, message.Channel, ReactionKind.Opened, later));
            if (_random.Uniform(Traits.Index, day, Draw.Click, key) < channel.Click)
            {
                clickedAt = later;
                reactions.Add(new Reaction(message.MessageId, message.Channel, ReactionKind.Clicked, later));
                Habit += _options.Habit.Lift * Math.Max(0, 1 - (Habit / _options.Habit.Max));
                if (_random.Uniform(Traits.Index, day, Draw.Play, key) < channel.Play)
                {
                    played = true;
                    reactions.Add(new Reaction(message.MessageId, message.Channel, ReactionKind.Played, later));
                }
            }
        }
        else if (_random.Uniform(Traits.Index, day, Draw.Dismiss, key) < channel.Dismiss + (_options.Annoyance.DismissSlope * Annoyance))
        {
            reactions.Add(new Reaction(message.MessageId, message.Channel, ReactionKind.Dismissed, later));
        }

        var othersLeft = _optedOut.Count;
        var hazard = channel.OptOut * (1 + (_options.Annoyance.OptOutSlope * Annoyance)) * Math.Pow(_options.Annoyance.CrossChannel, othersLeft);
        if (_random.Uniform(Traits.Index, day, Draw.OptOut, key) < Math.Min(MaxOptOutChance, hazard))
        {
            _optedOut.Add(message.Channel);
            optedOut.Add(message.Channel);
            reactions.Add(new Reaction(message.MessageId, message.Channel, ReactionKind.OptedOut, later));
        }

        return (clickedAt, played);
    }
}
