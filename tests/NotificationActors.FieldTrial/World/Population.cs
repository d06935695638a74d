using System.Globalization;
using NotificationActors.Abstractions.Members;

namespace NotificationActors.FieldTrial.World;

/// <summary>
/// The world of one seed: its members' hidden traits, and the opportunities callers raise for them each day. Both are
/// pure functions of (seed, member, day), so every policy's copy of the world meets the same members and offers.
/// </summary>
internal sealed class Population
{
    /// <summary>Days of visits the platform saw before the trial, from which members' prior engagement is counted.</summary>
    public const int PrehistoryDays = 28;

    private static readonly MessageChannel[] Channels = [MessageChannel.Push, MessageChannel.Email, MessageChannel.InApp];

    private readonly WorldRandom _random;

    public Population(WorldOptions options, int seed, int members)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(members);
        Options = options;
        Seed = seed;
        _random = new WorldRandom(seed);
        Members = Enumerable.Range(0, members).Select(Traits).ToArray();
    }

    public WorldOptions Options { get; }

    public int Seed { get; }

    public IReadOnlyList<MemberTraits> Members { get; }

    /// <summary>A fresh copy of <paramref name="traits"/>'s member, before day 0: one per policy.</summary>
    public WorldMember Spawn(MemberTraits traits) => new(traits, Options, _random);

    /// <summary>The member's opportunities on <paramref name="day"/>: the morning's (daily), then the evening's (session).</summary>
    public IReadOnlyList<Opportunity> Opportunities(MemberTraits member, int day)
    {
        var traffic = Options.Traffic;
        return
        [
            Opportunity(member, day, 0, OpportunityType.Daily, traffic.MorningHour),
            Opportunity(member, day, 1, OpportunityType.Session, traffic.EveningHour),
        ];
    }

    private Opportunity Opportunity(MemberTraits member, int day, int slot, OpportunityType kind, int hour)
    {
        var id = string.Create(CultureInfo.InvariantCulture, $"s{Seed}.m{member.Index}.d{day}.o{slot}");
        var at = TimeSpan.FromDays(day) + TimeSpan.FromHours(hour);
        var expires = at + TimeSpan.FromHours(Options.Traffic.ExpiresAfterHours);
        var candidates = new List<Candidate>();
        foreach (var channel in Channels)
        {
            for (var k = 0; k < Options.Traffic.Candidates.For(channel); k++)
            {
                // One key per candidate: its channel and rank within the slot.
                var index = (slot * 256) + ((int)channel * 64) + k;
                var category = (int)(_random.Uniform(member.Index, day, Draw.Category, index) * Options.Interest.Categories);
                var title = (int)(_random.Uniform(member.Index, day, Draw.Title, index) * Options.Traffic.TitlesPerCategory);
                var interest = member.Interest[category];
                var relevance = Math.Round(Math.Clamp(interest + (Options.Traffic.RelevanceNoise * _random.Normal(member.Index, day, Draw.RelevanceNoise, index)), 0, 1), 3);
                candidates.Add(new Candidate(
                    string.Create(CultureInfo.InvariantCulture, $"{id}.{WireName(channel)}{k}"),
                    channel,
                    CategoryName(category),
                    string.Create(CultureInfo.InvariantCulture, $"t-{category}-{title}"),
                    relevance,
                    interest,
                    expires));
            }
        }

        return new Opportunity(id, day, slot, kind, at, candidates);
    }

    private MemberTraits Traits(int index)
    {
        const int Before = -1;
        var segment = PickSegment(_random.Uniform(index, Before, Draw.Segment));
        var options = Options.Segments.For(segment);
        var visitLogit = Logit(options.VisitProbability) + (options.VisitSpread * _random.Normal(index, Before, Draw.VisitLogit));
        var interest = new double[Options.Interest.Categories];
        for (var c = 0; c < interest.Length; c++)
        {
            interest[c] = Logistic(Options.Interest.LogitMean + (Options.Interest.LogitSpread * _random.Normal(index, Before, Draw.Interest, c)));
        }

        var tenure = options.MinTenureWeeks + (int)(_random.Uniform(index, Before, Draw.Tenure) * (options.MaxTenureWeeks - options.MinTenureWeeks + 1));

        // The weeks before the trial, unmessaged: what the platform knows of the member's engagement.
        var visits = 0;
        for (var day = -PrehistoryDays; day < 0; day++)
        {
            if (_random.Uniform(index, day, Draw.Prehistory) < Logistic(visitLogit)) visits++;
        }

        return new MemberTraits(index, segment, visitLogit, options.Responsiveness, options.SessionMinutes, interest, tenure, visits * 7.0 / PrehistoryDays);
    }

    private Segment PickSegment(double u)
    {
        var segments = Options.Segments;
        return u < segments.Casual.Share ? Segment.Casual
            : u < segments.Casual.Share + segments.Regular.Share ? Segment.Regular
            : Segment.Heavy;
    }

    public static string CategoryName(int category) => string.Create(CultureInfo.InvariantCulture, $"category-{category}");

    public static string WireName(MessageChannel channel) => channel switch
    {
        MessageChannel.Push => "push",
        MessageChannel.Email => "email",
        _ => "inapp",
    };

    public static double Logistic(double x) => 1 / (1 + Math.Exp(-x));

    private static double Logit(double p) => Math.Log(p / (1 - p));
}
