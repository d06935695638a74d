using NotificationActors.Abstractions.Members;

namespace NotificationActors.Silo.Apis;

/// <summary>One NDJSON line of <c>POST /v1/activity:import</c>.</summary>
internal sealed record ActivityLine
{
    public required string MemberId { get; init; }
    public required string EventId { get; init; }
    public required DateTimeOffset Time { get; init; }
    public required ActivityType Type { get; init; }
    public double Minutes { get; init; }
}
