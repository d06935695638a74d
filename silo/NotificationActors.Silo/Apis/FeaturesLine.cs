namespace NotificationActors.Silo.Apis;

/// <summary>One NDJSON line of <c>POST /v1/features:import</c>.</summary>
internal sealed record FeaturesLine
{
    public required string MemberId { get; init; }
    public required Dictionary<string, double> Features { get; init; }
}
