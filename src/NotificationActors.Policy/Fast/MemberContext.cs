using NotificationActors.Policy.Actions;
using NotificationActors.Policy.Pacing;

namespace NotificationActors.Policy.Fast;

/// <summary>
/// What the fast policy reads about a member at a send opportunity: preferences, the week's plan and sends,
/// and what was sent recently. The member grain keeps one and updates it in place, so a decision allocates nothing.
/// </summary>
public sealed class MemberContext
{
    private static readonly IReadOnlySet<string> Empty = new HashSet<string>(StringComparer.Ordinal);
    private static readonly IReadOnlyDictionary<string, DateTimeOffset> NoCategories = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);

    /// <summary>The member's IANA time zone, for quiet hours and the local day of week.</summary>
    public TimeZoneInfo TimeZone { get; set; } = TimeZoneInfo.Utc;

    /// <summary>Channels the member accepts.</summary>
    public ChannelSet OptedIn { get; set; } = ChannelSet.All;

    /// <summary>Categories the member unsubscribed from.</summary>
    public IReadOnlySet<string> MutedCategories { get; set; } = Empty;

    /// <summary>The member's quiet hours, if any.</summary>
    public QuietHours? QuietHours { get; set; }

    /// <summary>Message ids sent recently (dedupe).</summary>
    public IReadOnlySet<string> SentMessageIds { get; set; } = Empty;

    /// <summary>Title ids promoted recently (dedupe by title).</summary>
    public IReadOnlySet<string> SentTitleIds { get; set; } = Empty;

    /// <summary>When the member last got a message of each category: a category's appeal drops when repeated and recovers with rest.</summary>
    public IReadOnlyDictionary<string, DateTimeOffset> LastSentByCategory { get; set; } = NoCategories;

    /// <summary>The plan's weekly budget per channel.</summary>
    public ChannelCounts Budget { get; set; }

    /// <summary>Budgeted sends so far this week per channel (transactional messages do not count).</summary>
    public ChannelCounts Sent { get; set; }

    /// <summary>The plan's pacing profile.</summary>
    public PacingProfile Pacing { get; set; } = PacingProfile.Uniform;

    /// <summary>Opportunities per week expected to carry a push candidate.</summary>
    public OpportunityRates PushRates { get; set; } = OpportunityRates.Default;

    /// <summary>Opportunities per week expected to carry an email candidate.</summary>
    public OpportunityRates EmailRates { get; set; } = OpportunityRates.Default;

    /// <summary>Opportunities per week expected to carry an in-app candidate.</summary>
    public OpportunityRates InAppRates { get; set; } = OpportunityRates.Default;

    /// <summary>When the plan's week ends.</summary>
    public DateTimeOffset WeekEnd { get; set; }

    /// <summary>
    /// The member's engaged days a week as the week's plan saw them (0 to 7): how likely they are to visit without a
    /// message, which is what the effect of sending one depends on most.
    /// </summary>
    public double EngagedDaysPerWeek { get; set; }

    /// <summary>Budget left on <paramref name="channel"/> this week.</summary>
    public int BudgetLeft(Channel channel) => Budget[channel] - Sent[channel];

    /// <summary>Expected opportunities for <paramref name="channel"/>.</summary>
    public OpportunityRates RatesFor(Channel channel) => channel switch
    {
        Channel.Push => PushRates,
        Channel.Email => EmailRates,
        _ => InAppRates,
    };
}
