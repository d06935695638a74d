using NotificationActors.Abstractions.Members;
using NotificationActors.FieldTrial.World;

namespace NotificationActors.FieldTrial.Policies;

/// <summary>
/// The schedule to beat: on Tuesday and Friday mornings, the most relevant candidate on any channel the member has not
/// (as far as feedback says) left; nothing otherwise. Exactly two sends a week while a channel is open.
/// </summary>
internal sealed class TwiceAWeekPolicy : IBaselinePolicy
{
    // Day 0 is a Monday.
    private const int Tuesday = 1;
    private const int Friday = 4;
    private const int MorningSlot = 0;

    /// <summary>The policy's name in reports.</summary>
    public const string PolicyName = "twice-a-week";

    public string Name => PolicyName;

    public Candidate? Choose(Opportunity opportunity, IReadOnlySet<MessageChannel> knownLeft)
    {
        if (opportunity.Slot != MorningSlot || opportunity.Day % 7 is not (Tuesday or Friday))
        {
            return null;
        }

        Candidate? best = null;
        foreach (var candidate in opportunity.Candidates)
        {
            if (!knownLeft.Contains(candidate.Channel) && (best is null || candidate.Relevance > best.Relevance))
            {
                best = candidate;
            }
        }

        return best;
    }
}
