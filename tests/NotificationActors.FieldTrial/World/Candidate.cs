using NotificationActors.Abstractions.Members;

namespace NotificationActors.FieldTrial.World;

/// <summary>A message a caller offers: what callers see, and the member's true interest in it, which they do not.</summary>
/// <param name="MessageId">Unique in the trial.</param>
/// <param name="Channel">Push, email or in-app.</param>
/// <param name="Category">The catalogue category it promotes.</param>
/// <param name="TitleId">The title it promotes.</param>
/// <param name="Relevance">The caller's estimate of interest: interest plus noise, in [0, 1].</param>
/// <param name="Interest">The member's true interest in the category (hidden from callers).</param>
/// <param name="ExpiresAt">When it stops being valid, since 00:00 UTC of day 0.</param>
internal sealed record Candidate(string MessageId, MessageChannel Channel, string Category, string TitleId, double Relevance, double Interest, TimeSpan ExpiresAt);
