namespace NotificationActors.Lab.Load.Storage;

/// <summary>A member-sized grain state: a counter and an opaque payload.</summary>
[GenerateSerializer]
public sealed class BenchState
{
    [Id(0)]
    public int Counter { get; set; }

    [Id(1)]
    public byte[] Payload { get; set; } = [];
}
