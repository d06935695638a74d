using NotificationActors.Policy.Pacing;

namespace NotificationActors.Policy.Fast;

/// <summary>
/// Predicted immediate engagement of sending a candidate now. The learning issue supplies a contextual bandit;
/// <see cref="RelevanceScorer"/> is the default. Called once per eligible candidate: must not allocate.
/// </summary>
public interface ICandidateScorer
{
    /// <summary>Recorded with every decision, so a decision says which ranker made it.</summary>
    string Version { get; }

    /// <summary>A score where higher is better; the fast policy ranks by it, the baseline thresholds it.</summary>
    double Score(MemberContext member, in Candidate candidate, OpportunityKind kind, DateTimeOffset now);
}
