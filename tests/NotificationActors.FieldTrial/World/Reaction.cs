using NotificationActors.Abstractions.Members;

namespace NotificationActors.FieldTrial.World;

/// <summary>One thing a member did with a message, at a time since 00:00 UTC of day 0.</summary>
internal sealed record Reaction(string MessageId, MessageChannel Channel, ReactionKind Kind, TimeSpan At);
