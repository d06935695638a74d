using NotificationActors.Policy.Actions;

namespace NotificationActors.Policy.Fast;

/// <summary>A message that could go out at a send opportunity.</summary>
/// <param name="MessageId">Unique message id; a message is never sent twice.</param>
/// <param name="Channel">Where it would go.</param>
/// <param name="Category">Intent or category (e.g. "new-release"); members can mute one.</param>
/// <param name="TitleId">The title it promotes, if any; a title is promoted once.</param>
/// <param name="Relevance">Caller's relevance in [0, 1], or NaN when absent.</param>
/// <param name="Priority">Normal or transactional.</param>
/// <param name="ExpiresAt">After this instant the message must not go out.</param>
public readonly record struct Candidate(
    string MessageId,
    Channel Channel,
    string Category,
    string? TitleId,
    double Relevance,
    MessagePriority Priority,
    DateTimeOffset ExpiresAt);
