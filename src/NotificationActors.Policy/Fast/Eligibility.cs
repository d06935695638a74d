using NotificationActors.Policy.Actions;

namespace NotificationActors.Policy.Fast;

/// <summary>
/// The eligibility filters shared by the fast policy and the baseline, in order: opt-out, then muted
/// category, expiry and dedupe, then quiet hours, then the plan's budget (every channel has one). Transactional
/// messages skip the last two but never the first two (docs/policy.md).
/// </summary>
internal static class Eligibility
{
    public static EligibilityStage Check(MemberContext member, in Candidate candidate, DateTimeOffset now, bool inQuietHours, bool enforceBudget)
    {
        if (!member.OptedIn.Contains(candidate.Channel))
        {
            return EligibilityStage.OptedOut;
        }

        if (member.MutedCategories.Contains(candidate.Category)
            || candidate.ExpiresAt <= now
            || member.SentMessageIds.Contains(candidate.MessageId)
            || (candidate.TitleId is { } title && member.SentTitleIds.Contains(title)))
        {
            return EligibilityStage.Ineligible;
        }

        if (candidate.Priority == MessagePriority.Transactional)
        {
            return EligibilityStage.Eligible;
        }

        if (inQuietHours)
        {
            return EligibilityStage.QuietHours;
        }

        return enforceBudget && member.BudgetLeft(candidate.Channel) <= 0
            ? EligibilityStage.BudgetExhausted
            : EligibilityStage.Eligible;
    }

    /// <summary>Whether <paramref name="now"/> falls in the member's quiet hours, in their zone on that date (DST-correct).</summary>
    public static bool InQuietHours(MemberContext member, DateTimeOffset now, out TimeSpan utcOffset)
    {
        utcOffset = member.TimeZone.GetUtcOffset(now);
        if (member.QuietHours is not { } quiet)
        {
            return false;
        }

        return quiet.Contains(TimeOnly.FromTimeSpan((now.UtcDateTime + utcOffset).TimeOfDay));
    }

    /// <summary>The reason for holding when no candidate passed: the stage the furthest candidate reached.</summary>
    public static DecisionReason HoldReason(EligibilityStage furthest) => furthest switch
    {
        EligibilityStage.OptedOut => DecisionReason.OptedOut,
        EligibilityStage.QuietHours => DecisionReason.QuietHours,
        EligibilityStage.BudgetExhausted => DecisionReason.BudgetExhausted,
        _ => DecisionReason.NoEligibleCandidate,
    };
}
