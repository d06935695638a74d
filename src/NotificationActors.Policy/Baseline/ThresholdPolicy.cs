using NotificationActors.Policy.Fast;
using NotificationActors.Policy.Pacing;

namespace NotificationActors.Policy.Baseline;

/// <summary>
/// The previous single-policy system, the baseline to beat (docs/policy.md): one short-term score per
/// candidate, and the best eligible candidate goes out when its score passes a single global threshold
/// calibrated to an aggregate send rate. Weekly frequency is a by-product, not a control: there is no plan
/// and no budget. It shares the fast policy's eligibility filters so the comparison is like for like.
/// </summary>
public sealed class ThresholdPolicy
{
    private readonly ICandidateScorer _scorer;

    /// <summary>A baseline that sends when the best score is at least <paramref name="threshold"/>.</summary>
    public ThresholdPolicy(double threshold, ICandidateScorer? scorer = null)
    {
        if (double.IsNaN(threshold))
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), "The threshold must be a number.");
        }

        Threshold = threshold;
        _scorer = scorer ?? RelevanceScorer.Instance;
    }

    /// <summary>The global score threshold.</summary>
    public double Threshold { get; }

    /// <summary>Sends the best eligible candidate if its score passes the threshold (deterministic: propensity 1).</summary>
    public Decision Decide(MemberContext member, DateTimeOffset now, OpportunityKind kind, ReadOnlySpan<Candidate> candidates)
    {
        ArgumentNullException.ThrowIfNull(member);
        var quiet = Eligibility.InQuietHours(member, now, out _);
        var furthest = EligibilityStage.None;
        var best = -1;
        var bestScore = double.NegativeInfinity;
        for (var i = 0; i < candidates.Length; i++)
        {
            ref readonly var candidate = ref candidates[i];
            var stage = Eligibility.Check(member, candidate, now, quiet, enforceBudget: false);
            if (stage != EligibilityStage.Eligible)
            {
                if (stage > furthest) furthest = stage;
                continue;
            }

            var score = _scorer.Score(member, candidate, kind, now);
            if (candidate.Priority == MessagePriority.Transactional)
            {
                return new Decision(true, i, candidate.Channel, DecisionReason.Selected, 1);
            }

            if (score > bestScore)
            {
                bestScore = score;
                best = i;
            }
        }

        if (best < 0)
        {
            return Decision.Hold(Eligibility.HoldReason(furthest));
        }

        return bestScore >= Threshold
            ? new Decision(true, best, candidates[best].Channel, DecisionReason.Selected, 1)
            : Decision.Hold(DecisionReason.BelowThreshold);
    }
}
