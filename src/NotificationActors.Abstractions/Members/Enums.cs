using System.Text.Json.Serialization;

namespace NotificationActors.Abstractions.Members;

/// <summary>A delivery channel (docs/api.md <c>channel</c>).</summary>
[JsonConverter(typeof(NamedEnumConverter<MessageChannel>))]
public enum MessageChannel
{
    /// <summary>Mobile push.</summary>
    [JsonStringEnumMemberName("push")]
    Push,

    /// <summary>Email.</summary>
    [JsonStringEnumMemberName("email")]
    Email,

    /// <summary>In-app message.</summary>
    [JsonStringEnumMemberName("inapp")]
    InApp,
}

/// <summary>What raised a send opportunity (docs/api.md <c>kind</c>).</summary>
[JsonConverter(typeof(NamedEnumConverter<OpportunityType>))]
public enum OpportunityType
{
    /// <summary>A scheduled daily slot.</summary>
    [JsonStringEnumMemberName("daily")]
    Daily,

    /// <summary>A title launch.</summary>
    [JsonStringEnumMemberName("launch")]
    Launch,

    /// <summary>The member opened the app.</summary>
    [JsonStringEnumMemberName("session")]
    Session,
}

/// <summary>A candidate's priority (docs/api.md).</summary>
[JsonConverter(typeof(NamedEnumConverter<MessagePriorityLevel>))]
public enum MessagePriorityLevel
{
    /// <summary>Paced and budgeted.</summary>
    [JsonStringEnumMemberName("normal")]
    Normal,

    /// <summary>Bypasses pacing and budgets, never opt-outs.</summary>
    [JsonStringEnumMemberName("transactional")]
    Transactional,
}

/// <summary>A feedback event's type (docs/api.md).</summary>
[JsonConverter(typeof(NamedEnumConverter<FeedbackType>))]
public enum FeedbackType
{
    /// <summary>The message reached the member.</summary>
    [JsonStringEnumMemberName("delivered")]
    Delivered,

    /// <summary>The member opened it.</summary>
    [JsonStringEnumMemberName("opened")]
    Opened,

    /// <summary>The member clicked through.</summary>
    [JsonStringEnumMemberName("clicked")]
    Clicked,

    /// <summary>The member played the promoted title.</summary>
    [JsonStringEnumMemberName("played")]
    Played,

    /// <summary>The member dismissed it: the fatigue signal.</summary>
    [JsonStringEnumMemberName("dismissed")]
    Dismissed,

    /// <summary>The member turned the channel off: effective for the very next decision.</summary>
    [JsonStringEnumMemberName("opted-out")]
    OptedOut,

    /// <summary>The member unsubscribed; with a category, that category is muted.</summary>
    [JsonStringEnumMemberName("unsubscribed")]
    Unsubscribed,
}

/// <summary>An activity event's type (docs/api.md).</summary>
[JsonConverter(typeof(NamedEnumConverter<ActivityType>))]
public enum ActivityType
{
    /// <summary>An app session.</summary>
    [JsonStringEnumMemberName("session")]
    Session,

    /// <summary>A play.</summary>
    [JsonStringEnumMemberName("play")]
    Play,
}
