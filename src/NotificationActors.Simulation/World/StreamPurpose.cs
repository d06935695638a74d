namespace NotificationActors.Simulation.World;

/// <summary>What a <see cref="StreamRandom"/> stream is for: one key part, so streams for different purposes never overlap.</summary>
internal static class StreamPurpose
{
    public const ulong Traits = 1;
    public const ulong History = 2;
    public const ulong Day = 3;
    public const ulong Opportunity = 4;
    public const ulong Outcome = 5;
    public const ulong Minutes = 6;
    public const ulong Launch = 7;
    public const ulong Composed = 8;
    public const ulong InAppCandidates = 9;
}
