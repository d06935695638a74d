using System.Globalization;
using NotificationActors.Abstractions.Members;
using NotificationActors.Grains.Validation;
using NotificationActors.Policy.Time;

namespace NotificationActors.Grains.Members;

/// <summary>
/// The checks that need the member's state, run after <see cref="RequestValidator"/>'s and before anything changes, so
/// a refused call leaves the member as it was: times the member's zone can represent and near the silo's clock, a new
/// opportunity of a closed week (its first answer may be forgotten: 409, never a fresh decision), the member-week's
/// cap on opportunities and the cap on muted categories. Replays (ids the member holds) pass untouched: they change
/// nothing and return the first answer.
/// </summary>
internal static class MemberAdmission
{
    /// <summary>Refuses the batch if any item would be refused alone, or the batch together passes a cap.</summary>
    public static void ThrowIfRefused(MemberModel member, MemberGrainOptions options, DateTimeOffset now, MemberTraffic traffic)
    {
        Refusals? refusals = null;
        var current = member.CurrentWeek(now);
        var fresh = 0;
        for (var i = 0; i < traffic.Opportunities.Count; i++)
        {
            var opportunity = traffic.Opportunities[i];
            if (member.KnowsOpportunity(opportunity.OpportunityId) || SameIdBefore(traffic.Opportunities, i)) continue;
            fresh++;
            CheckOpportunity(ref refusals, member, options, now, current, opportunity, fresh, Item("opportunities", i));
        }

        var muted = 0;
        for (var i = 0; i < traffic.Feedback.Count; i++)
        {
            var feedback = traffic.Feedback[i];
            if (member.KnowsEvent(feedback.EventId)) continue;
            CheckEventTime(ref refusals, member, options, now, feedback.Time, Item("feedback", i));
            if (Mutes(member, feedback) && !SameCategoryBefore(traffic.Feedback, i, member))
            {
                CheckMuted(ref refusals, member, ++muted, Item("feedback", i));
            }
        }

        for (var i = 0; i < traffic.Activity.Count; i++)
        {
            var activity = traffic.Activity[i];
            if (!member.KnowsEvent(activity.EventId)) CheckEventTime(ref refusals, member, options, now, activity.Time, Item("activity", i));
        }

        refusals?.Throw("traffic");
    }

    /// <summary>Refuses a single opportunity (a replay passes).</summary>
    public static void ThrowIfRefused(MemberModel member, MemberGrainOptions options, DateTimeOffset now, SendOpportunity opportunity)
    {
        if (member.KnowsOpportunity(opportunity.OpportunityId)) return;
        Refusals? refusals = null;
        CheckOpportunity(ref refusals, member, options, now, member.CurrentWeek(now), opportunity, fresh: 1, prefix: "");
        refusals?.Throw("send opportunity");
    }

    /// <summary>Refuses a single feedback event (a replay passes).</summary>
    public static void ThrowIfRefused(MemberModel member, MemberGrainOptions options, DateTimeOffset now, FeedbackEvent feedback)
    {
        if (member.KnowsEvent(feedback.EventId)) return;
        Refusals? refusals = null;
        CheckEventTime(ref refusals, member, options, now, feedback.Time, "");
        if (Mutes(member, feedback)) CheckMuted(ref refusals, member, 1, "");
        refusals?.Throw("feedback event");
    }

    /// <summary>Refuses a single activity event (a replay passes).</summary>
    public static void ThrowIfRefused(MemberModel member, MemberGrainOptions options, DateTimeOffset now, ActivityEvent activity)
    {
        if (member.KnowsEvent(activity.EventId)) return;
        Refusals? refusals = null;
        CheckEventTime(ref refusals, member, options, now, activity.Time, "");
        refusals?.Throw("activity event");
    }

    // fresh: this opportunity's place among the call's new ones, for the week's cap.
    private static void CheckOpportunity(ref Refusals? refusals, MemberModel member, MemberGrainOptions options, DateTimeOffset now, IsoWeek current, SendOpportunity opportunity, int fresh, string prefix)
    {
        if (TimeProblem(member, now, opportunity.Time, options.TimeWindow, options.TimeWindow) is { } problem)
        {
            Add(ref refusals, MemberRefusal.Invalid, prefix + "time", problem);
            return;
        }

        var week = IsoWeek.Containing(opportunity.Time);
        if (week < current)
        {
            Add(ref refusals, MemberRefusal.OutsideReplayWindow, prefix + "opportunityId", string.Create(CultureInfo.InvariantCulture,
                $"'{opportunity.OpportunityId}' is not held and its time lies in {week}, a closed week: it is outside the replay window, and a fresh decision could contradict its first answer."));
            return;
        }

        // Decided now, it would sit among this week's decisions, of which a closing week keeps only the last few: a
        // replay in its own week could then find no first answer.
        if (week > current)
        {
            Add(ref refusals, MemberRefusal.Invalid, prefix + "time", string.Create(CultureInfo.InvariantCulture,
                $"{Shown(opportunity.Time)} lies in {week}, after the member's week {current}: an opportunity is decided in the week its time lies in."));
            return;
        }

        if (member.OpportunitiesIn(current) + fresh > options.DecisionsPerWeek)
        {
            Add(ref refusals, MemberRefusal.OpportunityCapReached, prefix + "opportunityId", string.Create(CultureInfo.InvariantCulture,
                $"The member has taken {options.DecisionsPerWeek} opportunities in {current}, the most a member-week takes; new ones are refused until next week."));
        }
    }

    private static void CheckEventTime(ref Refusals? refusals, MemberModel member, MemberGrainOptions options, DateTimeOffset now, DateTimeOffset time, string prefix)
    {
        if (TimeProblem(member, now, time, options.EventAge, options.TimeWindow) is { } problem)
        {
            Add(ref refusals, MemberRefusal.Invalid, prefix + "time", problem);
        }
    }

    private static void CheckMuted(ref Refusals? refusals, MemberModel member, int added, string prefix)
    {
        if (member.MutedCount + added > MemberGrainOptions.MaxMutedCategories)
        {
            Add(ref refusals, MemberRefusal.ListFull, prefix + "category", string.Create(CultureInfo.InvariantCulture,
                $"The member has {member.MutedCount} muted categories; at most {MemberGrainOptions.MaxMutedCategories} (unmute some with PUT preferences)."));
        }
    }

    private static string? TimeProblem(MemberModel member, DateTimeOffset now, DateTimeOffset time, TimeSpan behind, TimeSpan ahead)
    {
        // The member's local time must exist: quiet hours and days are read in it.
        var local = time.UtcTicks + member.TimeZone.GetUtcOffset(time).Ticks;
        if (local < DateTime.MinValue.Ticks || local > DateTime.MaxValue.Ticks)
        {
            return $"{Shown(time)} cannot be represented in the member's time zone {member.TimeZone.Id}.";
        }

        return time < now - behind || time > now + ahead
            ? string.Create(CultureInfo.InvariantCulture, $"{Shown(time)} lies {Math.Abs((time - now).TotalHours):0.#} hours from the silo's clock ({Shown(now)}); accepted are {behind.TotalHours:0.#} hours before it to {ahead.TotalHours:0.#} after.")
            : null;
    }

    private static bool Mutes(MemberModel member, FeedbackEvent feedback) =>
        feedback.Type == FeedbackType.Unsubscribed && feedback.Category is { } category && !member.IsMuted(category);

    // A scan of the batch's earlier items, not a set: batches are small, and valid ones (nearly all) allocate nothing.
    private static bool SameIdBefore(IReadOnlyList<SendOpportunity> opportunities, int index)
    {
        for (var j = 0; j < index; j++)
        {
            if (string.Equals(opportunities[j].OpportunityId, opportunities[index].OpportunityId, StringComparison.Ordinal)) return true;
        }

        return false;
    }

    private static bool SameCategoryBefore(IReadOnlyList<FeedbackEvent> feedback, int index, MemberModel member)
    {
        for (var j = 0; j < index; j++)
        {
            if (Mutes(member, feedback[j]) && string.Equals(feedback[j].Category, feedback[index].Category, StringComparison.Ordinal)) return true;
        }

        return false;
    }

    private static string Item(string list, int index) => string.Create(CultureInfo.InvariantCulture, $"{list}[{index}].");

    private static string Shown(DateTimeOffset time) => time.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private static void Add(ref Refusals? refusals, MemberRefusal refusal, string field, string message) =>
        (refusals ??= new Refusals()).Add(refusal, field, message);

    // Made on the first refusal; the call is refused for the most basic reason found (a bad field before a full week).
    private sealed class Refusals
    {
        private readonly Dictionary<string, string[]> _errors = new(StringComparer.Ordinal);
        private MemberRefusal _refusal = MemberRefusal.ListFull;

        public void Add(MemberRefusal refusal, string field, string message)
        {
            if (refusal < _refusal) _refusal = refusal;
            _errors[field] = _errors.TryGetValue(field, out var earlier) ? [.. earlier, message] : [message];
        }

        public void Throw(string what) => throw RequestValidator.Refused(_refusal, $"Refused {what}", _errors);
    }
}
