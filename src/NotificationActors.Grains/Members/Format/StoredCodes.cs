using NotificationActors.Abstractions.Members;

namespace NotificationActors.Grains.Members.Format;

/// <summary>
/// The fixed codes channels and opportunity kinds have in stored state (the member state's layout and the opportunity
/// counters' slots), not their enums' numbers, so reordering an enum cannot change what stored state means. They are
/// the numbers the enums had when the layout was first written.
/// </summary>
internal static class StoredCodes
{
    public static byte Of(MessageChannel channel) => channel switch
    {
        MessageChannel.Push => 0,
        MessageChannel.Email => 1,
        MessageChannel.InApp => 2,
        _ => throw new ArgumentOutOfRangeException(nameof(channel), channel, "Unknown channel."),
    };

    public static byte Of(OpportunityType kind) => kind switch
    {
        OpportunityType.Daily => 0,
        OpportunityType.Launch => 1,
        OpportunityType.Session => 2,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown opportunity kind."),
    };

    public static MessageChannel Channel(byte code) => code switch
    {
        0 => MessageChannel.Push,
        1 => MessageChannel.Email,
        2 => MessageChannel.InApp,
        _ => throw new InvalidDataException($"Member state is malformed: {code} is not a channel."),
    };

    public static OpportunityType Kind(byte code) => code switch
    {
        0 => OpportunityType.Daily,
        1 => OpportunityType.Launch,
        2 => OpportunityType.Session,
        _ => throw new InvalidDataException($"Member state is malformed: {code} is not an opportunity kind."),
    };
}
