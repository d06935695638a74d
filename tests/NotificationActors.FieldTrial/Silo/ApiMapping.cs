using System.Globalization;
using NotificationActors.Abstractions.Members;
using NotificationActors.FieldTrial.World;

namespace NotificationActors.FieldTrial.Silo;

/// <summary>The world's traffic in the API's shapes, on the silo's clock: world times are offsets from day 0's midnight.</summary>
internal static class ApiMapping
{
    // Of a visit with a play, the share of its minutes spent watching; the rest is browsing.
    private const double WatchingShare = 0.7;

    /// <summary>One member-day's call: yesterday's feedback and activity, then today's opportunities in time order.</summary>
    public static MemberTraffic Traffic(string memberId, DayOutcome? yesterday, IReadOnlyList<Opportunity> today, DateTimeOffset origin) => new()
    {
        Feedback = yesterday?.Reactions.Select(r => Feedback(r, origin)).ToArray() ?? [],
        Activity = yesterday is null ? [] : Activity(memberId, yesterday, origin),
        Opportunities = today.OrderBy(o => o.At).Select(o => Opportunity(o, origin)).ToArray(),
    };

    public static SendOpportunity Opportunity(Opportunity opportunity, DateTimeOffset origin) => new()
    {
        OpportunityId = opportunity.Id,
        Time = origin + opportunity.At,
        Kind = opportunity.Kind,
        Candidates = opportunity.Candidates.Select(c => new CandidateMessage
        {
            MessageId = c.MessageId,
            Channel = c.Channel,
            Category = c.Category,
            TitleId = c.TitleId,
            Relevance = c.Relevance,
            ExpiresAt = origin + c.ExpiresAt,
        }).ToArray(),
    };

    public static FeedbackEvent Feedback(Reaction reaction, DateTimeOffset origin)
    {
        var type = reaction.Kind switch
        {
            ReactionKind.Delivered => FeedbackType.Delivered,
            ReactionKind.Opened => FeedbackType.Opened,
            ReactionKind.Clicked => FeedbackType.Clicked,
            ReactionKind.Played => FeedbackType.Played,
            ReactionKind.Dismissed => FeedbackType.Dismissed,
            _ => FeedbackType.OptedOut,
        };
        return new FeedbackEvent
        {
            EventId = $"{reaction.MessageId}.{reaction.Kind.ToString().ToLowerInvariant()}",
            Time = origin + reaction.At,
            MessageId = reaction.MessageId,
            Channel = reaction.Channel,
            Type = type,
        };
    }

    /// <summary>A day's visit as the platform reports it: a session, and a play when the member watched something.</summary>
    public static ActivityEvent[] Activity(string memberId, DayOutcome day, DateTimeOffset origin)
    {
        if (day.Visit is not { } visit) return [];
        var id = string.Create(CultureInfo.InvariantCulture, $"{memberId}.d{day.Day}");
        var session = new ActivityEvent { EventId = id + ".session", Time = origin + visit.At, Type = ActivityType.Session, Minutes = visit.Minutes };
        if (!visit.Played) return [session];
        var watching = Math.Round(visit.Minutes * WatchingShare, 1);
        return
        [
            session with { Minutes = Math.Round(visit.Minutes - watching, 1) },
            new ActivityEvent { EventId = id + ".play", Time = origin + visit.At + TimeSpan.FromMinutes(visit.Minutes - watching), Type = ActivityType.Play, Minutes = watching },
        ];
    }

    /// <summary>What the platform knows of a member before the trial: tenure and engagement over the weeks before.</summary>
    public static Dictionary<string, double> Features(MemberTraits traits) => new(StringComparer.Ordinal)
    {
        ["tenureWeeks"] = traits.TenureWeeks,
        ["engagedDaysPerWeek"] = traits.PriorEngagedDaysPerWeek,
    };

    /// <summary>Every channel on, UTC, no quiet hours: what the trial's members have agreed to.</summary>
    public static MemberPreferences Preferences() => new()
    {
        TimeZone = "UTC",
        Channels = new ChannelSwitches { Push = true, Email = true, InApp = true },
        MutedCategories = [],
    };
}
