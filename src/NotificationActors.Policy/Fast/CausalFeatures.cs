using NotificationActors.Policy.Actions;
using NotificationActors.Policy.Pacing;

namespace NotificationActors.Policy.Fast;

/// <summary>
/// What the causal ranker knows of sending a candidate now: the bandit's features of the message
/// (<see cref="BanditFeatures"/>), the member's activity (engaged days a week over 7) alone and crossed with the channel
/// and with an app session, and the relevance once per category bucket.
/// A member who visits most days gains little from a message, and one already in the app gains no visit today; and
/// how much of a message's relevance turns into plays depends on its intent: the effect of sending turns on these.
/// </summary>
public static class CausalFeatures
{
    private static readonly string[] MemberNames = ["activity", "activityPush", "activityEmail", "activityInApp", "activitySession"];

    /// <summary>Names of the features, in vector order.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        .. BanditFeatures.Names, .. MemberNames,
        .. Enumerable.Range(0, BanditFeatures.CategoryBuckets).Select(b => $"relevance*category{b}"),
    ];

    /// <summary>Length of the feature vector.</summary>
    public static int Length => RelevanceByCategory + BanditFeatures.CategoryBuckets;

    /// <summary>The features before the relevance per category bucket: what the outcome without a message is fitted on.</summary>
    public static int BaseLength => BanditFeatures.Length + MemberNames.Length;

    /// <summary>Where the feature named <paramref name="name"/> is in the vector; -1 when there is none.</summary>
    public static int Index(string name) => NameIndex.GetValueOrDefault(name, -1);

    private static readonly Dictionary<string, int> NameIndex = Names.Select((n, i) => (n, i)).ToDictionary(p => p.n, p => p.i, StringComparer.Ordinal);

    /// <summary>Where the member's activity is in the vector.</summary>
    public static int Activity => BanditFeatures.Length;

    /// <summary>Where the relevance per category bucket starts: the relevance in the candidate's bucket, 0 in the others.</summary>
    public static int RelevanceByCategory => BaseLength;

    /// <summary>Writes the features of sending <paramref name="candidate"/> to <paramref name="member"/> at <paramref name="now"/>.</summary>
    public static void Write(MemberContext member, in Candidate candidate, OpportunityKind kind, DateTimeOffset now, Span<double> x)
    {
        BanditFeatures.Write(member, candidate, kind, now, x);
        WriteMember(member.EngagedDaysPerWeek, candidate.Channel, kind, x);
    }

    /// <summary>Writes the features from what a decision record and its week keep (see <see cref="BanditFeatures.Write(double, Channel, OpportunityKind, TimeSpan?, TimeSpan?, string, Span{double})"/>).</summary>
    public static void Write(double relevance, Channel channel, OpportunityKind kind, TimeSpan? rest, TimeSpan? toExpiry, string category, double engagedDaysPerWeek, Span<double> x)
    {
        BanditFeatures.Write(relevance, channel, kind, rest, toExpiry, category, x);
        WriteMember(engagedDaysPerWeek, channel, kind, x);
    }

    private static void WriteMember(double engagedDaysPerWeek, Channel channel, OpportunityKind kind, Span<double> x)
    {
        var activity = Math.Clamp(double.IsFinite(engagedDaysPerWeek) ? engagedDaysPerWeek / 7 : 0, 0, 1);
        var at = BanditFeatures.Length;
        x[at] = activity;
        x[at + 1] = channel == Channel.Push ? activity : 0;
        x[at + 2] = channel == Channel.Email ? activity : 0;
        x[at + 3] = channel == Channel.InApp ? activity : 0;
        x[at + 4] = kind == OpportunityKind.Session ? activity : 0;
        var buckets = BanditFeatures.Length - BanditFeatures.CategoryBuckets;
        for (var b = 0; b < BanditFeatures.CategoryBuckets; b++)
        {
            x[RelevanceByCategory + b] = x[buckets + b] * x[BanditFeatures.RelevanceIndex];
        }
    }
}
