using NotificationActors.Policy.Actions;
using NotificationActors.Policy.Pacing;

namespace NotificationActors.Policy.Fast;

/// <summary>
/// What the fast policy's bandit knows of a candidate at a send opportunity: the caller's relevance (the member's
/// affinity for the title), the channel, the kind of opportunity, how rested the member is from the candidate's
/// category (appeal drops when a category repeats and recovers with rest), how time-critical the message is,
/// and the category itself, hashed into a few buckets so new categories need no schema change.
/// </summary>
public static class BanditFeatures
{
    /// <summary>Buckets categories are hashed into.</summary>
    public const int CategoryBuckets = 16;

    /// <summary>Time constant of a category's recovery: after this long without one, 63% of its appeal is back.</summary>
    public static readonly TimeSpan RecoveryTime = TimeSpan.FromHours(72);

    /// <summary>Time constant of timeliness: a message expiring within about this long is time-critical.</summary>
    public static readonly TimeSpan TimelinessScale = TimeSpan.FromHours(48);

    private static readonly string[] FixedNames =
        ["constant", "relevance", "push", "email", "inApp", "daily", "launch", "session", "recovering", "timeliness"];

    /// <summary>Names of the features, in vector order.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. FixedNames, .. Enumerable.Range(0, CategoryBuckets).Select(b => $"category{b}")];

    /// <summary>Where the candidate's relevance is in the vector.</summary>
    public const int RelevanceIndex = 1;

    /// <summary>Length of the feature vector.</summary>
    public static int Length => FixedNames.Length + CategoryBuckets;

    /// <summary>Writes the features of sending <paramref name="candidate"/> at <paramref name="now"/> into <paramref name="x"/>.</summary>
    public static void Write(MemberContext member, in Candidate candidate, OpportunityKind kind, DateTimeOffset now, Span<double> x)
    {
        ArgumentNullException.ThrowIfNull(member);
        TimeSpan? rest = member.LastSentByCategory.TryGetValue(candidate.Category, out var last) ? now - last : null;
        TimeSpan? toExpiry = candidate.ExpiresAt == DateTimeOffset.MaxValue ? null : candidate.ExpiresAt - now;
        Write(candidate.Relevance, candidate.Channel, kind, rest, toExpiry, candidate.Category, x);
    }

    /// <summary>
    /// Writes the features from what a decision record keeps: relevance (NaN when the caller sent none), channel,
    /// opportunity kind, the rest since the category's last message (null: never) and the time to expiry (null: none).
    /// </summary>
    public static void Write(double relevance, Channel channel, OpportunityKind kind, TimeSpan? rest, TimeSpan? toExpiry, string category, Span<double> x)
    {
        x[..Length].Clear();
        x[0] = 1;
        x[RelevanceIndex] = double.IsNaN(relevance) ? RelevanceScorer.DefaultRelevance : relevance;
        x[2 + (int)channel] = 1;
        x[5 + (int)kind] = 1;
        x[8] = Recovering(rest);
        x[9] = toExpiry is { } expiry ? Math.Exp(-Math.Max(0, expiry.TotalHours) / TimelinessScale.TotalHours) : 0;
        x[FixedNames.Length + CategoryBucket(category)] = 1;
    }

    /// <summary>1 - exp(-rest / recovery time): 0 right after a message of the category, 1 when none was ever sent.</summary>
    public static double Recovering(TimeSpan? rest) =>
        rest is { } r ? 1 - Math.Exp(-Math.Max(0, r.TotalHours) / RecoveryTime.TotalHours) : 1;

    /// <summary>The category's bucket: FNV-1a of its name, stable across processes.</summary>
    public static int CategoryBucket(string category)
    {
        ArgumentNullException.ThrowIfNull(category);
        var hash = 2166136261u;
        foreach (var c in category)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash % CategoryBuckets);
    }
}
