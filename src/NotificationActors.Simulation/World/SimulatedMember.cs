using System.Globalization;
using System.Runtime.Intrinsics;
using NotificationActors.Abstractions.Members;
using NotificationActors.Policy.Actions;
using NotificationActors.Policy.Slow;
using NotificationActors.Simulation.Population;

namespace NotificationActors.Simulation.World;

/// <summary>
/// One member's hidden truth: fixed traits and the state that messages change (per-channel fatigue, in-app included,
/// per-category last send, opted-out channels, recent message impact). Drive it a day at a time: <see cref="OpportunitiesOn"/>,
/// then <see cref="Deliver"/> for each message the policy sends that day, then <see cref="EndOfDay"/>. Every
/// random draw comes from a stream keyed by (seed, member, day or message), so the outcomes depend only on this
/// member's own events, whatever order the runner visits members in. Not thread-safe: like a grain, one caller at a time.
/// </summary>
public sealed partial class SimulatedMember
{
    // A message-led play starts a few minutes after delivery.
    private static readonly TimeSpan PlayDelay = TimeSpan.FromMinutes(8);

    private readonly WorldModel _model;
    private readonly WorldOptions _o;
    private readonly ulong _key;
    private readonly double[] _taste;

    // The oracle's pick distribution: the chance each category is the best-tasting of an opportunity's candidates;
    // padded with zeros to a whole number of vectors for the oracle's kernel.
    private readonly double[] _pick;
    private readonly double[] _pickTaste;
    private readonly double _pickTasteSum;

    // The model's constants for this member, folded once (the oracle evaluates them thousands of times a week).
    private readonly double _baseActivity;
    private readonly double _upliftRoom;
    private readonly double _upliftRate;
    private readonly double _fatigueDrag;
    private readonly double _dragRate;
    private readonly double _penaltyRate;
    private readonly double _crossFatigue;
    private readonly double _inAppWeight;
    private readonly double _pushHazard;
    private readonly double _emailHazard;
    private readonly double _hazardGrowth;
    private readonly double _hazardCap;
    private readonly double _pushResponsiveness;
    private readonly double _emailResponsiveness;
    private readonly double _inAppResponsiveness;
    private readonly double _appealDrop;

    // The oracle plans with one conversion and one carry-over: the categories' own, weighted by how often each is the pick
    // and how often it is opened (exact when every category has the world's).
    private readonly double _clickPlay;
    private readonly double _carryOver;

    // Mutable truth. Fatigue and impact are stored as of _time and decayed on the way to any later instant.
    private readonly double[] _lastSent;
    private double _time = double.NaN;
    private double _pushFatigue;
    private double _emailFatigue;
    private double _inAppFatigue;
    private double _impact;
    private bool _pushOpen;
    private bool _emailOpen;

    // The day in progress.
    private int _day = int.MinValue;
    private bool _dayOpen;
    private double _dayStart;
    private DayIds? _ids;
    private bool _organic;
    private double _organicChance;
    private bool _played;
    private readonly double[] _sessionHours = new double[2];
    private int _sessions;
    private readonly List<(DateTimeOffset Time, double Minutes)> _plays = [];

    internal SimulatedMember(WorldModel model, int index)
    {
        _model = model;
        _o = model.Options;
        Index = index;
        MemberId = SimulatedWorld.MemberIdOf(index);
        _key = StreamRandom.Key((ulong)(uint)model.Seed, (ulong)index);
        var categories = model.CategoryNames.Length;
        _taste = new double[categories];
        _lastSent = new double[categories];
        Array.Fill(_lastSent, double.NaN);
        Traits = DrawTraits();
        var sensitivity = Traits.FatigueSensitivity;
        _baseActivity = Traits.BaseActivity;
        _upliftRoom = (1 - Traits.BaseActivity) * Traits.UpliftCeiling;
        _upliftRate = _o.UpliftRate;
        _fatigueDrag = _o.FatigueDrag;
        _dragRate = _o.FatigueDragRate * sensitivity;
        _penaltyRate = _o.FatiguePenaltyRate * sensitivity;
        _crossFatigue = _o.CrossChannelFatigue;
        _inAppWeight = _o.InAppFatigueWeight;
        _pushHazard = _o.PushOptOutHazard * sensitivity;
        _emailHazard = _o.EmailOptOutHazard * sensitivity;
        _hazardGrowth = _o.OptOutFatigueGrowth;
        _hazardCap = _o.OptOutHazardCap;
        _pushResponsiveness = Traits.PushResponsiveness;
        _emailResponsiveness = Traits.EmailResponsiveness;
        _inAppResponsiveness = Traits.InAppResponsiveness;
        _appealDrop = _o.AppealDrop;
        _pushOpen = Traits.InitiallyOptedIn.Contains(Channel.Push);
        _emailOpen = Traits.InitiallyOptedIn.Contains(Channel.Email);
        (_pick, _pickTaste, _pickTasteSum) = PickDistribution();
        (_clickPlay, _carryOver) = model.UniformConversion
            ? (_o.ClickGivenOpen * _o.PlayGivenClick, 1)
            : (PickWeighted(model.ClickGivenOpen) * _o.PlayGivenClick, PickWeighted(model.CarryOver));
        Observed = DrawHistory();
    }

    /// <summary>Index of the member in its world.</summary>
    public int Index { get; }

    /// <summary>The member id, e.g. "sim-000042".</summary>
    public string MemberId { get; }

    /// <summary>The hidden traits.</summary>
    public MemberTraits Traits { get; }

    /// <summary>
    /// What an import of the member tells the policy: features summarising <see cref="WorldOptions.HistoryWeeks"/>
    /// of simulated history (noisy counts of the truth), and the channels the member accepts. The cohort is for the
    /// report; the policy must not be given it.
    /// </summary>
    public SyntheticMember Observed { get; }

    /// <summary>
    /// <see cref="Observed"/>'s features as an import sends them, without the in-app open rate (the history knows push
    /// and email only, and a 0 there would read as a member who never opens an in-app message) and without the usual
    /// dismiss rate, which describes the population the grain plans among, not the member's history.
    /// </summary>
    public Dictionary<string, double> ImportedFeatures()
    {
        var features = Observed.Features.Describe();
        features.Remove("inAppOpenRate");
        features.Remove(MemberFeatures.UsualDismissRateName);
        return features;
    }

    /// <summary>Channels still open: in-app always, push and email until opted out (or never opted in).</summary>
    public ChannelSet OptedIn =>
        ChannelSet.InApp | (_pushOpen ? ChannelSet.Push : ChannelSet.None) | (_emailOpen ? ChannelSet.Email : ChannelSet.None);

    /// <summary>Pushes delivered so far.</summary>
    public int PushSent { get; private set; }

    /// <summary>Emails delivered so far.</summary>
    public int EmailSent { get; private set; }

    /// <summary>In-app messages shown so far.</summary>
    public int InAppSent { get; private set; }

    /// <summary>Engaged days so far.</summary>
    public int EngagedDays { get; private set; }

    /// <summary>
    /// Engaged days so far in expectation over whether the member came on their own: each day counts its chance of an
    /// organic visit, plus 1 if a message led to a play on a day the member did not come. The same days as
    /// <see cref="EngagedDays"/> on average without most of the coin flip that decides an organic visit, the largest part
    /// of a week's noise, so groups of members compare on far fewer of them. Counting 1 for every day with a play, as
    /// this did until 2026-12-06, credited the plays of in-app and session messages, which only come on days the member
    /// came anyway, with days they did not add: with five in-app messages a week it ran 0.10 engaged days a member over
    /// two weeks above the counted days.
    /// </summary>
    public double ExpectedEngagedDays { get; private set; }

    /// <summary>Days ended so far.</summary>
    public int DaysSimulated { get; private set; }

    /// <summary>The day the member opted out of push during the simulation, if any.</summary>
    public DateOnly? PushOptedOutOn { get; private set; }

    /// <summary>The day the member unsubscribed from email during the simulation, if any.</summary>
    public DateOnly? EmailOptedOutOn { get; private set; }

    /// <summary>Opportunities the member typically gets in a week: daily slots, launches and sessions at base activity.</summary>
    public double TypicalOpportunitiesPerWeek => 7 + _o.LaunchesPerWeek + (7 * Traits.BaseActivity * (1 + _o.SecondSessionProbability));

    /// <summary>Weeks of a channel's best uplift an opt-out costs in the oracle.</summary>
    internal double HorizonWeeks => _o.OptOutHorizonWeeks;

    /// <summary>Whether <paramref name="channel"/> is still open.</summary>
    public bool IsOpen(MessageChannel channel) => channel switch
    {
        MessageChannel.Push => _pushOpen,
        MessageChannel.Email => _emailOpen,
        _ => true,
    };

    /// <summary>The fatigue of <paramref name="channel"/> at <paramref name="at"/> (each message adds 1; it halves every <see cref="WorldOptions.FatigueHalfLifeDays"/>).</summary>
    public double Fatigue(MessageChannel channel, DateTimeOffset at)
    {
        var decay = FastMath.Exp(-_model.FatigueDecayPerDay * Elapsed(WorldModel.Days(at)));
        return channel switch
        {
            MessageChannel.Push => _pushFatigue * decay,
            MessageChannel.Email => _emailFatigue * decay,
            MessageChannel.InApp => _inAppFatigue * decay,
            _ => throw new ArgumentOutOfRangeException(nameof(channel), channel, "Unknown channel."),
        };
    }

    /// <summary>
    /// The chance that a message on <paramref name="channel"/> delivered at <paramref name="at"/> makes the member close the
    /// channel: the hazard at the channel's fatigue after it plus the weighted in-app fatigue. 0 on a closed channel and
    /// for in-app, which members cannot turn off.
    /// </summary>
    public double OptOutProbability(MessageChannel channel, DateTimeOffset at)
    {
        if (channel == MessageChannel.InApp || !IsOpen(channel)) return 0;
        var push = channel == MessageChannel.Push;
        return OptOutHazard(push, Fatigue(channel, at) + 1 + (_inAppWeight * Fatigue(MessageChannel.InApp, at)));
    }

    /// <summary>The appeal multiplier of <paramref name="category"/> at <paramref name="at"/>: 1 - d exp(-rest / τ), 1 if never sent.</summary>
    public double Appeal(string category, DateTimeOffset at) =>
        Appeal(_model.CategoryIndex.TryGetValue(category, out var c) ? c : throw new ArgumentException($"Unknown category '{category}'.", nameof(category)),
            WorldModel.Days(at));

    /// <summary>The probability of coming on one's own on a day starting at <paramref name="at"/>, given the state then.</summary>
    public double OrganicActivity(DateTimeOffset at)
    {
        var dt = Elapsed(WorldModel.Days(at));
        var fatigue = FastMath.Exp(-_model.FatigueDecayPerDay * dt);
        return Organic(_impact * FastMath.Exp(-_model.ImpactDecayPerDay * dt), TotalFatigue(_pushFatigue * fatigue, _emailFatigue * fatigue, _inAppFatigue * fatigue));
    }

    /// <summary>
    /// Starts <paramref name="day"/> (UTC) and returns its opportunities in time order: the daily slot, the day's title
    /// launches, and, if the member comes on their own today, one or two app sessions. Days must rise; the previous
    /// day must have been ended with <see cref="EndOfDay"/>.
    /// </summary>
    public IReadOnlyList<WorldOpportunity> OpportunitiesOn(DateOnly day)
    {
        if (_dayOpen) throw new InvalidOperationException($"{MemberId}: end {DateOnly.FromDayNumber(_day)} with EndOfDay before starting {day}.");
        if (day.DayNumber <= _day) throw new ArgumentOutOfRangeException(nameof(day), day, $"{MemberId}: days must rise; {DateOnly.FromDayNumber(_day)} was already simulated.");
        _day = day.DayNumber;
        _dayOpen = true;
        _dayStart = WorldModel.Days(day);
        _ids = _model.IdsOn(day);
        _played = false;
        _plays.Clear();
        AdvanceTo(_dayStart);

        // Draw every uniform whatever the outcome, so the day's other draws do not shift with the member's state.
        var random = new StreamRandom(StreamRandom.Key(_key, StreamPurpose.Day, (ulong)_day));
        _organicChance = Organic(_impact, TotalFatigue(_pushFatigue, _emailFatigue, _inAppFatigue));
        _organic = random.NextDouble() < _organicChance;
        var second = random.NextDouble() < _o.SecondSessionProbability;
        var band = _o.SessionLatestHour - _o.SessionEarliestHour;
        _sessionHours[0] = _o.SessionEarliestHour + (random.NextDouble() * band);
        _sessionHours[1] = _o.SessionEarliestHour + (random.NextDouble() * band);
        _sessions = !_organic ? 0 : second ? 2 : 1;
        if (_sessions == 2 && _sessionHours[1] < _sessionHours[0]) (_sessionHours[0], _sessionHours[1]) = (_sessionHours[1], _sessionHours[0]);

        var launches = _model.LaunchesOn(day);
        var opportunities = new WorldOpportunity[1 + launches.Length + _sessions];
        opportunities[0] = Opportunity(day, OpportunityType.Daily, 0, WorldModel.Time(day, Traits.SlotHour), null);
        for (var k = 0; k < launches.Length; k++)
        {
            opportunities[1 + k] = Opportunity(day, OpportunityType.Launch, k, launches[k].Time, launches[k]);
        }

        for (var k = 0; k < _sessions; k++)
        {
            opportunities[1 + launches.Length + k] = Opportunity(day, OpportunityType.Session, k, WorldModel.Time(day, _sessionHours[k]), null);
        }

        Array.Sort(opportunities, static (a, b) => a.Time != b.Time ? a.Time.CompareTo(b.Time) : a.Kind.CompareTo(b.Kind));
        return opportunities;
    }

    /// <summary>
    /// Delivers <paramref name="message"/> at <paramref name="time"/> (within the current day, in time order): draws
    /// whether it is opened, clicked and played (responsiveness x taste x the category's appeal x (1 - fatigue
    /// penalty)), adds its impact, raises the channel's fatigue, and, on push and email, draws an opt-out from the hazard
    /// at the new fatigue. A message on a closed channel does nothing. In-app messages show only in an app session, so
    /// one offered anywhere else, or on a day without a session, is refused; they can be dismissed, never opted out of.
    /// </summary>
    public DeliveryOutcome Deliver(in OfferedMessage message, DateTimeOffset time)
    {
        if (!_dayOpen) throw new InvalidOperationException($"{MemberId}: start the day with OpportunitiesOn before delivering.");
        if ((uint)message.CategoryIndex >= (uint)_taste.Length || message.MessageId is null)
        {
            throw new ArgumentException("The message was not offered by this world.", nameof(message));
        }

        var channel = message.Channel;
        if (channel == MessageChannel.InApp)
        {
            if (message.Kind != OpportunityType.Session)
            {
                throw new ArgumentException($"{message.MessageId} is in-app but offered at a {message.Kind} opportunity; in-app messages show only in app sessions.", nameof(message));
            }

            if (_sessions == 0)
            {
                throw new InvalidOperationException($"{MemberId}: no app session on {DateOnly.FromDayNumber(_day)}, so in-app message {message.MessageId} cannot show.");
            }
        }

        var t = WorldModel.Days(time);
        if (t < _dayStart || t >= _dayStart + 1)
        {
            throw new ArgumentOutOfRangeException(nameof(time), time, $"{MemberId}: deliveries must fall in the current day, {DateOnly.FromDayNumber(_day)}.");
        }

        if (!IsOpen(channel)) return DeliveryOutcome.NotDelivered;
        AdvanceTo(t);
        var c = message.CategoryIndex;
        var (openProbability, penalty) = OpenProbability(message, t, _pushFatigue, _emailFatigue, _inAppFatigue);

        var random = new StreamRandom(StreamRandom.Key(_key, StreamPurpose.Outcome, message.OutcomeKey));
        var opened = random.NextDouble() < openProbability;
        var clicked = random.NextDouble() < _model.ClickGivenOpen[c] && opened;
        var played = random.NextDouble() < _o.PlayGivenClick && clicked;
        var dismissed = random.NextDouble() < _o.DismissBase + (_o.DismissFatigue * penalty) && !opened;
        var optOutDraw = random.NextDouble();
        var minutes = Math.Max(1, Math.Round(random.NextExponential(_o.PlayMinutesMean)));

        // Impact is the attention the message earns in expectation, so uplift follows relevance without a second layer of noise.
        _impact += openProbability * _model.CarryOver[c];
        _lastSent[c] = t;
        var weightedInApp = _inAppWeight * _inAppFatigue;
        var optedOut = false;
        switch (channel)
        {
            case MessageChannel.Push:
                _pushFatigue += 1;
                PushSent++;
                optedOut = optOutDraw < OptOutHazard(push: true, _pushFatigue + weightedInApp);
                if (optedOut) (_pushOpen, PushOptedOutOn) = (false, DateOnly.FromDayNumber(_day));
                break;
            case MessageChannel.Email:
                _emailFatigue += 1;
                EmailSent++;
                optedOut = optOutDraw < OptOutHazard(push: false, _emailFatigue + weightedInApp);
                if (optedOut) (_emailOpen, EmailOptedOutOn) = (false, DateOnly.FromDayNumber(_day));
                break;
            default:
                _inAppFatigue += 1;
                InAppSent++;
                break;
        }

        if (played)
        {
            _played = true;
            // The play is reported a few minutes later, but never past the day, so it counts for the day that caused it.
            var lastSecond = WorldModel.Time(DateOnly.FromDayNumber(_day), 24) - TimeSpan.FromSeconds(1);
            var playTime = time + PlayDelay;
            if (playTime > lastSecond) playTime = time > lastSecond ? time : lastSecond;
            _plays.Add((playTime, minutes));
        }

        return new DeliveryOutcome(true, opened, clicked, played, dismissed, optedOut ? channel : null, openProbability) { Ids = _ids };
    }

    /// <summary>
    /// What delivering <paramref name="message"/> at <paramref name="time"/> is worth against not delivering it, in expected
    /// engaged days over the day and the next (the causal ranker's horizon): the chance it leads to a play on a day not
    /// yet engaged, plus the change in the next day's chance of coming on one's own from the attention it carries and
    /// the fatigue it adds. The truth the causal ranker's calibration is checked against; reads the state, changes
    /// nothing. 0 on a closed channel.
    /// </summary>
    public double EffectOf(in OfferedMessage message, DateTimeOffset time)
    {
        if (!_dayOpen) throw new InvalidOperationException($"{MemberId}: start the day with OpportunitiesOn before valuing a message.");
        if (!IsOpen(message.Channel)) return 0;
        var t = WorldModel.Days(time);
        var elapsed = Elapsed(t);
        var decay = FastMath.Exp(-_model.FatigueDecayPerDay * elapsed);
        var (push, email, inApp) = (_pushFatigue * decay, _emailFatigue * decay, _inAppFatigue * decay);
        var (open, _) = OpenProbability(message, t, push, email, inApp);
        var c = message.CategoryIndex;
        var today = _organic || _played ? 0 : open * _model.ClickGivenOpen[c] * _o.PlayGivenClick;

        var toTomorrow = Math.Max(0, _dayStart + 1 - t);
        var impactDecay = FastMath.Exp(-_model.ImpactDecayPerDay * toTomorrow);
        var impact = _impact * FastMath.Exp(-_model.ImpactDecayPerDay * (elapsed + toTomorrow));
        var fatigueDecay = FastMath.Exp(-_model.FatigueDecayPerDay * toTomorrow);
        var fatigue = TotalFatigue(push * fatigueDecay, email * fatigueDecay, inApp * fatigueDecay);
        var added = (message.Channel == MessageChannel.InApp ? _inAppWeight : 1) * fatigueDecay;
        var tomorrow = Organic(impact + (open * _model.CarryOver[c] * impactDecay), fatigue + added) - Organic(impact, fatigue);
        return today + tomorrow;
    }

    /// <summary>
    /// Ends <paramref name="day"/>: the member was engaged if they came on their own or a message led to a play. Returns
    /// the activity events to report: sessions (with minutes) on an organic day and the plays messages led to.
    /// </summary>
    public DayOutcome EndOfDay(DateOnly day)
    {
        if (!_dayOpen || day.DayNumber != _day)
        {
            throw new InvalidOperationException($"{MemberId}: {day} is not the day in progress ({(_dayOpen ? DateOnly.FromDayNumber(_day) : "none")}).");
        }

        _dayOpen = false;
        DaysSimulated++;
        var engaged = _organic || _played;
        if (engaged) EngagedDays++;
        ExpectedEngagedDays += _organicChance + (_played && !_organic ? 1 : 0);
        if (!engaged) return new DayOutcome(day, false, false, false, []);

        var random = new StreamRandom(StreamRandom.Key(_key, StreamPurpose.Minutes, (ulong)_day));
        var activity = new List<ActivityEvent>(_sessions + _plays.Count);
        for (var k = 0; k < _sessions; k++)
        {
            activity.Add(new ActivityEvent
            {
                EventId = _ids!.Activity('s', k),
                Time = WorldModel.Time(day, _sessionHours[k]),
                Type = ActivityType.Session,
                Minutes = Math.Max(1, Math.Round(random.NextExponential(_o.SessionMinutesMean))),
            });
        }

        for (var k = 0; k < _plays.Count; k++)
        {
            activity.Add(new ActivityEvent
            {
                EventId = _ids!.Activity('p', k),
                Time = _plays[k].Time,
                Type = ActivityType.Play,
                Minutes = _plays[k].Minutes,
            });
        }

        if (_sessions > 0 && _plays.Count > 0) activity.Sort((a, b) => a.Time.CompareTo(b.Time));
        return new DayOutcome(day, true, _organic, _played, activity);
    }

    /// <summary>
    /// The oracle for the week starting at <paramref name="weekStart"/>, from the member's state then (call it before
    /// the week's first day): each action of <paramref name="grid"/> (default: push 0..13 x email 0..6) evaluated
    /// exactly from the truth, with its sends spread evenly over the week, then the in-app caps 0..<see cref="WeekOracle.MaxInApp"/>
    /// for the best of them. Reads the state; changes nothing.
    /// </summary>
    public WeekOracle Oracle(DateTimeOffset weekStart, ActionGrid? grid = null) => new(this, weekStart, grid ?? ActionGrid.Default, StartState(weekStart));

    /// <summary>A message of <paramref name="categoryIndex"/> on <paramref name="channel"/> as if offered at <paramref name="time"/>; for tests.</summary>
    internal OfferedMessage Compose(MessageChannel channel, int categoryIndex, DateTimeOffset time, OpportunityType kind = OpportunityType.Daily)
    {
        var id = string.Create(CultureInfo.InvariantCulture, $"{MemberId}.x{time.UtcTicks}.{(int)channel}.{categoryIndex}");
        var key = StreamRandom.Key(StreamPurpose.Composed, (ulong)time.UtcTicks, (ulong)((int)channel * 1000) + (ulong)categoryIndex);
        return new OfferedMessage(id, channel, _model.CategoryNames[categoryIndex], categoryIndex, id, _taste[categoryIndex], time.AddDays(1), kind, key);
    }

    // ---- The model ----------------------------------------------------------------------------------------------

    /// <summary>Base activity plus the saturating uplift of recent impact, scaled down by the fatigue drag (tolerance, then backlash).</summary>
    private double Organic(double impact, double totalFatigue) =>
        (_baseActivity + (_upliftRoom * (1 - FastMath.Exp(-_upliftRate * impact))))
        * (1 - (_fatigueDrag * (1 - FastMath.Exp(-Square(_dragRate * totalFatigue)))));

    /// <summary>The fatigue the drag grows with: push and email in full, in-app at its weight.</summary>
    private double TotalFatigue(double pushFatigue, double emailFatigue, double inAppFatigue) => pushFatigue + emailFatigue + (_inAppWeight * inAppFatigue);

    private static double Square(double x) => x * x;

    /// <summary>The share of a message's response that fatigue takes away: 1 - exp(-β s (own + cross * other)).</summary>
    private double FatiguePenalty(double own, double other) => 1 - FastMath.Exp(-_penaltyRate * (own + (_crossFatigue * other)));

    /// <summary>The chance a message makes the member close its channel, growing exponentially with the fatigue after it (the channel's own plus weighted in-app).</summary>
    private double OptOutHazard(bool push, double fatigue) =>
        Math.Min(_hazardCap, (push ? _pushHazard : _emailHazard) * FastMath.Exp(_hazardGrowth * fatigue));

    // Responsiveness x taste x appeal x (1 - fatigue penalty), at fatigues already decayed to t, and that penalty.
    private (double Open, double Penalty) OpenProbability(in OfferedMessage message, double t, double pushFatigue, double emailFatigue, double inAppFatigue)
    {
        // In-app fatigue weighs on push and email as a cross-channel term; push and email weigh on in-app as on each other.
        var weightedInApp = _inAppWeight * inAppFatigue;
        var (own, other, responsiveness) = message.Channel switch
        {
            MessageChannel.Push => (pushFatigue, emailFatigue + weightedInApp, _pushResponsiveness),
            MessageChannel.Email => (emailFatigue, pushFatigue + weightedInApp, _emailResponsiveness),
            _ => (inAppFatigue, pushFatigue + emailFatigue, _inAppResponsiveness),
        };
        var penalty = FatiguePenalty(own, other);
        var open = responsiveness * _taste[message.CategoryIndex] * Appeal(message.CategoryIndex, t) * (1 - penalty);

        // In-app responsiveness is measured in the app already; push and email are noticed more during a visit.
        if (message.Kind == OpportunityType.Session && message.Channel != MessageChannel.InApp) open *= _o.SessionResponseMultiplier;
        return (Math.Min(1, open), penalty);
    }

    private double Appeal(int category, double t)
    {
        var last = _lastSent[category];
        return double.IsNaN(last) ? 1 : 1 - (_o.AppealDrop * FastMath.Exp(-Math.Max(0, t - last) * _model.RecoveryPerDay));
    }

    private double Elapsed(double t) => double.IsNaN(_time) ? 0 : Math.Max(0, t - _time);

    private void AdvanceTo(double t)
    {
        if (double.IsNaN(_time))
        {
            _time = t;
            return;
        }

        var dt = t - _time;
        if (dt <= 0) return;
        var fatigue = FastMath.Exp(-_model.FatigueDecayPerDay * dt);
        _pushFatigue *= fatigue;
        _emailFatigue *= fatigue;
        _inAppFatigue *= fatigue;
        _impact *= FastMath.Exp(-_model.ImpactDecayPerDay * dt);
        _time = t;
    }

    // ---- Opportunities ------------------------------------------------------------------------------------------

    private WorldOpportunity Opportunity(DateOnly day, OpportunityType kind, int k, DateTimeOffset time, TitleLaunch? launch)
    {
        var letter = kind switch { OpportunityType.Daily => 'd', OpportunityType.Launch => 'l', _ => 's' };
        var id = string.Create(CultureInfo.InvariantCulture, $"{MemberId}.{_ids!.Compact}.{letter}{k}");
        var key = StreamRandom.Key(_key, StreamPurpose.Opportunity, (ulong)day.DayNumber, ((ulong)kind * 1000) + (ulong)k);
        var random = new StreamRandom(key);
        var count = random.Next(_o.MinCandidates, _o.MaxCandidates + 1);
        var expiry = time + TimeSpan.FromHours(kind switch
        {
            OpportunityType.Daily => _o.DailyExpiryHours,
            OpportunityType.Launch => _o.LaunchExpiryHours,
            _ => _o.SessionExpiryHours,
        });
        var candidates = new CandidateMessage[count];

        // In-app candidates come from their own stream, so a session's other draws are those of a world without in-app.
        var inApp = kind == OpportunityType.Session ? new StreamRandom(StreamRandom.Key(_key, StreamPurpose.InAppCandidates, (ulong)day.DayNumber, (ulong)k)) : default;
        for (var j = 0; j < count; j++)
        {
            // Draw all of a candidate's numbers whatever it turns out to be, so later candidates do not shift.
            var emailDraw = random.NextDouble();
            var category = random.NextWeighted(_model.CumulativeShare);
            var title = random.Next(0, _o.TitlesPerCategory);
            var noise = random.NextNormal() * _o.RelevanceNoise;
            var channel = emailDraw < _o.EmailCandidateShare ? MessageChannel.Email : MessageChannel.Push;
            if (kind == OpportunityType.Session && inApp.NextDouble() < _o.InAppCandidateShare) channel = MessageChannel.InApp;
            string titleId;
            if (launch is not null && j < 2)
            {
                // A launch offers its title on push, and on email too when there is room for a second candidate.
                (category, titleId) = (launch.CategoryIndex, launch.TitleId);
                channel = count == 1 ? channel : j == 0 ? MessageChannel.Push : MessageChannel.Email;
            }
            else
            {
                titleId = _model.TitleId(category, title);
            }

            candidates[j] = OfferedMessage.Candidate(_ids.Candidate(letter, k, j), channel, _model.CategoryNames[category], titleId,
                Math.Clamp(_taste[category] + noise, 0, 1), expiry);
        }

        return new WorldOpportunity(new SendOpportunity { OpportunityId = id, Time = time, Kind = kind, Candidates = candidates }, key, _model.CategoryIndex);
    }

    // ---- Drawing the member -------------------------------------------------------------------------------------

    private MemberTraits DrawTraits()
    {
        var random = new StreamRandom(StreamRandom.Key(_key, StreamPurpose.Traits));
        var draw = random.NextDouble();
        var cohort = draw < _o.CasualShare ? Cohort.Casual : draw < _o.CasualShare + _o.HeavyShare ? Cohort.Heavy : Cohort.Regular;
        var (low, high, factor, fatigueFactor, tenureScale) = cohort switch
        {
            Cohort.Casual => (_o.CasualActivityMin, _o.CasualActivityMax, _o.CasualResponsivenessFactor, _o.CasualFatigueFactor, _o.CasualTenureWeeksMean),
            Cohort.Regular => (_o.CasualActivityMax, _o.RegularActivityMax, 1.0, 1.0, _o.RegularTenureWeeksMean),
            _ => (_o.RegularActivityMax, _o.HeavyActivityMax, _o.HeavyResponsivenessFactor, _o.HeavyFatigueFactor, _o.HeavyTenureWeeksMean),
        };
        var baseActivity = low + (random.NextDouble() * (high - low));
        var push = Math.Clamp(factor * LogitNormal(ref random, _o.PushResponsivenessMedian, _o.ResponsivenessSpread), 0.005, 0.95);
        var email = Math.Clamp(factor * LogitNormal(ref random, _o.EmailResponsivenessMedian, _o.ResponsivenessSpread), 0.005, 0.95);
        for (var c = 0; c < _taste.Length; c++)
        {
            _taste[c] = LogitNormal(ref random, _model.MeanTaste[c], _o.TasteSpread);
        }

        var uplift = LogitNormal(ref random, _o.UpliftCeilingMedian, _o.UpliftCeilingSpread);
        var sensitivity = fatigueFactor * Math.Exp(_o.FatigueSensitivitySpread * random.NextNormal());
        var slot = random.Next(_o.SlotEarliestHour, _o.SlotLatestHour + 1);
        var optedIn = ChannelSet.InApp;
        if (random.NextDouble() < _o.PushOptInShare) optedIn |= ChannelSet.Push;
        if (random.NextDouble() < _o.EmailOptInShare) optedIn |= ChannelSet.Email;
        var historyPush = optedIn.Contains(Channel.Push) ? random.NextDouble() * _o.HistoryPushPerWeekMax : 0;
        var historyEmail = optedIn.Contains(Channel.Email) ? random.NextDouble() * _o.HistoryEmailPerWeekMax : 0;
        var tenure = random.NextExponential(tenureScale);

        // Drawn last, so the traits before it are those of a world without in-app.
        var inApp = Math.Clamp(factor * LogitNormal(ref random, _o.InAppResponsivenessMedian, _o.ResponsivenessSpread), 0.005, 0.95);
        return new MemberTraits
        {
            Cohort = cohort,
            BaseActivity = baseActivity,
            PushResponsiveness = push,
            EmailResponsiveness = email,
            InAppResponsiveness = inApp,
            Taste = Array.AsReadOnly(_taste),
            UpliftCeiling = uplift,
            FatigueSensitivity = sensitivity,
            SlotHour = slot,
            InitiallyOptedIn = optedIn,
            HistoryPushPerWeek = historyPush,
            HistoryEmailPerWeek = historyEmail,
            TenureWeeks = tenure,
        };
    }

    /// <summary>
    /// P(category c is the best-tasting of K candidates drawn by catalogue share), averaged over K: with categories
    /// sorted by taste and W the cumulative share, it is W(≤c)^K - W(&lt;c)^K.
    /// </summary>
    private double PickWeighted(double[] perCategory)
    {
        var sum = 0.0;
        for (var c = 0; c < perCategory.Length; c++) sum += _pickTaste[c] * perCategory[c];
        return sum / _pickTasteSum;
    }

    private (double[] Pick, double[] PickTaste, double PickTasteSum) PickDistribution()
    {
        var order = Enumerable.Range(0, _taste.Length).OrderBy(c => _taste[c]).ThenBy(c => c).ToArray();
        var padded = (_taste.Length + Vector256<double>.Count - 1) / Vector256<double>.Count * Vector256<double>.Count;
        var pick = new double[padded];
        var below = 0.0;
        var counts = _o.MaxCandidates - _o.MinCandidates + 1;
        foreach (var c in order)
        {
            var upTo = below + _model.CategoryShare[c];
            for (var k = _o.MinCandidates; k <= _o.MaxCandidates; k++)
            {
                pick[c] += (Math.Pow(upTo, k) - Math.Pow(below, k)) / counts;
            }

            below = upTo;
        }

        var pickTaste = new double[padded];
        var sum = 0.0;
        for (var c = 0; c < _taste.Length; c++)
        {
            pickTaste[c] = pick[c] * _taste[c];
            sum += pickTaste[c];
        }

        return (pick, pickTaste, sum);
    }

    /// <summary>
    /// Sets the starting state to the steady state of the member's pre-experiment sends and draws what an import would
    /// report about those weeks: engaged days, open and dismiss rates as noisy counts of the truth.
    /// </summary>
    private SyntheticMember DrawHistory()
    {
        var random = new StreamRandom(StreamRandom.Key(_key, StreamPurpose.History));

        // The import knows push and email only: members start with no in-app fatigue.
        var pushRate = Traits.HistoryPushPerWeek / 7;
        var emailRate = Traits.HistoryEmailPerWeek / 7;
        _pushFatigue = pushRate / _model.FatigueDecayPerDay;
        _emailFatigue = emailRate / _model.FatigueDecayPerDay;
        var (tasteMix, carriedMix) = (0.0, 0.0);
        for (var c = 0; c < _taste.Length; c++)
        {
            tasteMix += _model.CategoryShare[c] * _taste[c];
            carriedMix += _model.CategoryShare[c] * _taste[c] * _model.CarryOver[c];
        }

        var pushPenalty = FatiguePenalty(_pushFatigue, _emailFatigue);
        var emailPenalty = FatiguePenalty(_emailFatigue, _pushFatigue);
        var pushOpen = Traits.PushResponsiveness * tasteMix * (1 - pushPenalty);
        var emailOpen = Traits.EmailResponsiveness * tasteMix * (1 - emailPenalty);
        var carried = _model.UniformConversion ? 1 : carriedMix / tasteMix;
        _impact = ((pushRate * pushOpen) + (emailRate * emailOpen)) * carried / _model.ImpactDecayPerDay;

        var weeks = _o.HistoryWeeks;
        var engaged = Binomial(ref random, 7 * weeks, Organic(_impact, TotalFatigue(_pushFatigue, _emailFatigue, _inAppFatigue)));
        var pushSends = (int)Math.Round(Traits.HistoryPushPerWeek * weeks);
        var emailSends = (int)Math.Round(Traits.HistoryEmailPerWeek * weeks);
        var pushOpens = Binomial(ref random, pushSends, pushOpen);
        var emailOpens = Binomial(ref random, emailSends, emailOpen);
        var dismissPush = (1 - pushOpen) * (_o.DismissBase + (_o.DismissFatigue * pushPenalty));
        var dismissEmail = (1 - emailOpen) * (_o.DismissBase + (_o.DismissFatigue * emailPenalty));
        var dismisses = Binomial(ref random, pushSends, dismissPush) + Binomial(ref random, emailSends, dismissEmail);

        // Rates are smoothed toward a neutral prior worth a few sends, as a platform would before reporting them.
        const double PriorSends = 5;
        var features = new MemberFeatures
        {
            EngagedDaysPerWeek = (double)engaged / weeks,
            TenureWeeks = Traits.TenureWeeks,
            PushOpenRate = (pushOpens + (0.1 * PriorSends)) / (pushSends + PriorSends),
            EmailOpenRate = (emailOpens + (0.1 * PriorSends)) / (emailSends + PriorSends),
            DismissRate = (dismisses + (0.2 * PriorSends)) / (pushSends + emailSends + PriorSends),
            RecentPushPerWeek = Traits.HistoryPushPerWeek,
            RecentEmailPerWeek = Traits.HistoryEmailPerWeek,
        };
        return new SyntheticMember(MemberId, Traits.Cohort, features, Traits.InitiallyOptedIn);
    }

    private static double LogitNormal(ref StreamRandom random, double median, double spread)
    {
        var logit = Math.Log(median / (1 - median)) + (spread * random.NextNormal());
        return 1 / (1 + Math.Exp(-logit));
    }

    private static int Binomial(ref StreamRandom random, int n, double p)
    {
        var k = 0;
        for (var i = 0; i < n; i++)
        {
            if (random.NextDouble() < p) k++;
        }

        return k;
    }
}
