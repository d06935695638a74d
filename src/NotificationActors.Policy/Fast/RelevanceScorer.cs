using NotificationActors.Policy.Pacing;

namespace NotificationActors.Policy.Fast;

/// <summary>Scores a candidate by the caller's relevance, or a neutral prior when the caller sent none.</summary>
public sealed class RelevanceScorer : ICandidateScorer
{
    /// <summary>Score of a candidate without a relevance.</summary>
    public const double DefaultRelevance = 0.3;

    /// <summary>The version decisions ranked by the caller's relevance record.</summary>
    public const string RelevanceVersion = "relevance";

    /// <summary>The shared instance.</summary>
    public static RelevanceScorer Instance { get; } = new();

    /// <inheritdoc />
    public string Version => RelevanceVersion;

    /// <inheritdoc />
    public double Score(MemberContext member, in Candidate candidate, OpportunityKind kind, DateTimeOffset now) =>
        double.IsNaN(candidate.Relevance) ? DefaultRelevance : candidate.Relevance;
}
