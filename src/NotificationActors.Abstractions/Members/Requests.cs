namespace NotificationActors.Abstractions.Members;

/// <summary>A message that could go out at a send opportunity.</summary>
[GenerateSerializer, Immutable]
public sealed record CandidateMessage
{
    [Id(0)] public required string MessageId { get; init; }
    [Id(1)] public required MessageChannel Channel { get; init; }
    [Id(2)] public string Category { get; init; } = "";
    [Id(3)] public string? TitleId { get; init; }
    /// <summary>Relevance in [0, 1], or null when the caller has none.</summary>
    [Id(4)] public double? Relevance { get; init; }
    [Id(5)] public MessagePriorityLevel Priority { get; init; } = MessagePriorityLevel.Normal;
    [Id(6)] public DateTimeOffset? ExpiresAt { get; init; }
}

/// <summary>A send opportunity: whether to send now, and which candidate.</summary>
[GenerateSerializer, Immutable]
public sealed record SendOpportunity
{
    [Id(0)] public required string OpportunityId { get; init; }
    [Id(1)] public required DateTimeOffset Time { get; init; }
    [Id(2)] public OpportunityType Kind { get; init; } = OpportunityType.Daily;
    [Id(3)] public required IReadOnlyList<CandidateMessage> Candidates { get; init; }
}

/// <summary>What happened to a message (docs/api.md feedback).</summary>
[GenerateSerializer, Immutable]
public sealed record FeedbackEvent
{
    [Id(0)] public required string EventId { get; init; }
    [Id(1)] public required DateTimeOffset Time { get; init; }
    [Id(2)] public string? MessageId { get; init; }
    [Id(3)] public MessageChannel? Channel { get; init; }
    [Id(4)] public required FeedbackType Type { get; init; }
    /// <summary>With <see cref="FeedbackType.Unsubscribed"/>: the category to mute.</summary>
    [Id(5)] public string? Category { get; init; }
}

/// <summary>The platform's record that the member was active (docs/api.md activity).</summary>
[GenerateSerializer, Immutable]
public sealed record ActivityEvent
{
    [Id(0)] public required string EventId { get; init; }
    [Id(1)] public required DateTimeOffset Time { get; init; }
    [Id(2)] public required ActivityType Type { get; init; }
    [Id(3)] public double Minutes { get; init; }
}

/// <summary>A daily quiet window in the member's local time, "HH:mm" to "HH:mm".</summary>
[GenerateSerializer, Immutable]
public sealed record QuietWindow
{
    [Id(0)] public required string Start { get; init; }
    [Id(1)] public required string End { get; init; }
}

/// <summary>The member's preferences (docs/api.md).</summary>
[GenerateSerializer, Immutable]
public sealed record MemberPreferences
{
    /// <summary>An IANA time zone id.</summary>
    [Id(0)] public string TimeZone { get; init; } = "UTC";
    [Id(1)] public ChannelSwitches Channels { get; init; } = new();
    [Id(2)] public IReadOnlyList<string> MutedCategories { get; init; } = [];
    [Id(3)] public QuietWindow? QuietHours { get; init; }
}

/// <summary>Which channels the member accepts.</summary>
[GenerateSerializer, Immutable]
public sealed record ChannelSwitches
{
    [Id(0)] public bool Push { get; init; } = true;
    [Id(1)] public bool Email { get; init; } = true;
    [Id(2), System.Text.Json.Serialization.JsonPropertyName("inapp")] public bool InApp { get; init; } = true;
}

/// <summary>
/// A caller's buffered traffic for one member, applied in order (feedback, then activity, then each opportunity in
/// time order) exactly as the single calls would apply it, and acknowledged together after one state write. For
/// callers that queue a member's traffic: bulk loads, and the policy experiment, which sends a simulated day per call.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record MemberTraffic
{
    [Id(0)] public IReadOnlyList<FeedbackEvent> Feedback { get; init; } = [];
    [Id(1)] public IReadOnlyList<ActivityEvent> Activity { get; init; } = [];
    [Id(2)] public IReadOnlyList<SendOpportunity> Opportunities { get; init; } = [];
}
