using NotificationActors.Abstractions.Members;
using NotificationActors.FieldTrial.World;

namespace NotificationActors.FieldTrial.Policies;

/// <summary>A schedule the driver runs itself, without the silo, knowing what a caller knows.</summary>
internal interface IBaselinePolicy
{
    /// <summary>The policy's name in reports.</summary>
    string Name { get; }

    /// <summary>The message to send at <paramref name="opportunity"/>, or null.</summary>
    /// <param name="opportunity">The opportunity and its candidates.</param>
    /// <param name="knownLeft">Channels the member's feedback so far says they left.</param>
    Candidate? Choose(Opportunity opportunity, IReadOnlySet<MessageChannel> knownLeft);
}
