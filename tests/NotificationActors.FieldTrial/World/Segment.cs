namespace NotificationActors.FieldTrial.World;

/// <summary>How much a member watches without being asked to.</summary>
internal enum Segment
{
    Casual,
    Regular,
    Heavy,
}
