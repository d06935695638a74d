using NotificationActors.Abstractions.Members;
using NotificationActors.Policy.Actions;
using NotificationActors.Policy.Pacing;

namespace NotificationActors.Learning.Contracts;

/// <summary>
/// The contract's enums as the policy core's, value by value: the layers number their members independently (the grain maps requests, training maps logged decisions), so
/// reordering either enum changes no decision.
/// </summary>
public static class PolicyMapping
{
    public static Channel ToPolicy(this MessageChannel channel) => channel switch
    {
        MessageChannel.Push => Channel.Push,
        MessageChannel.Email => Channel.Email,
        MessageChannel.InApp => Channel.InApp,
        _ => throw new ArgumentOutOfRangeException(nameof(channel), channel, "Unknown channel."),
    };

    public static OpportunityKind ToPolicy(this OpportunityType kind) => kind switch
    {
        OpportunityType.Daily => OpportunityKind.Daily,
        OpportunityType.Launch => OpportunityKind.Launch,
        OpportunityType.Session => OpportunityKind.Session,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown opportunity kind."),
    };
}
