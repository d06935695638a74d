namespace NotificationActors.Lab.Load.Experiment;

/// <summary>The floor grain's state: opaque bytes of a member state's size.</summary>
[GenerateSerializer]
public sealed class FloorState
{
    [Id(0)] public int Calls { get; set; }

    [Id(1)] public byte[] Payload { get; set; } = [];
}
