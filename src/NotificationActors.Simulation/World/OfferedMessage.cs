using NotificationActors.Abstractions.Members;
using NotificationActors.Policy.Actions;
using NotificationActors.Policy.Fast;

namespace NotificationActors.Simulation.World;

/// <summary>
/// A candidate message the world offers at an opportunity: what the policy sees (id, channel, category, title,
/// relevance, expiry: the <see cref="CandidateMessage"/> the grain takes) plus the keys the world needs to resolve its
/// outcome when it is delivered.
/// </summary>
public readonly record struct OfferedMessage
{
    internal OfferedMessage(string messageId, MessageChannel channel, string category, int categoryIndex, string titleId, double relevance,
        DateTimeOffset expiresAt, OpportunityType kind, ulong outcomeKey)
        : this(Candidate(messageId, channel, category, titleId, relevance, expiresAt), categoryIndex, kind, outcomeKey)
    {
    }

    /// <summary>An offer of <paramref name="message"/>, the request's own candidate (the world and the call share it).</summary>
    internal OfferedMessage(CandidateMessage message, int categoryIndex, OpportunityType kind, ulong outcomeKey)
    {
        Message = message;
        CategoryIndex = categoryIndex;
        Kind = kind;
        OutcomeKey = outcomeKey;
    }

    /// <summary>
    /// The message's id, unique among the member's messages, e.g. "20260302.d0.1" (docs/api.md's id alphabet): a member
    /// grain tells messages apart only within its member, and every member-day offers a few, so the id leaves out the
    /// member's.
    /// </summary>
    public string MessageId => Message.MessageId;

    /// <summary>Push, email, or in-app (offered only at app sessions).</summary>
    public MessageChannel Channel => Message.Channel;

    /// <summary>The catalogue category.</summary>
    public string Category => Message.Category;

    /// <summary>Index of <see cref="Category"/> in <see cref="SimulatedWorld.Categories"/>.</summary>
    public int CategoryIndex { get; }

    /// <summary>The promoted title.</summary>
    public string TitleId => Message.TitleId!;

    /// <summary>Relevance as the policy sees it, in [0, 1]: the member's true taste for the category plus noise.</summary>
    public double Relevance => Message.Relevance!.Value;

    /// <summary>After this instant the message must not go out.</summary>
    public DateTimeOffset ExpiresAt => Message.ExpiresAt!.Value;

    /// <summary>The kind of opportunity that offered it; a message delivered at a session is noticed more.</summary>
    public OpportunityType Kind { get; }

    /// <summary>Keys the outcome's random draws, so the same message to the same member in the same state has the same outcome in every arm.</summary>
    internal ulong OutcomeKey { get; }

    // The candidate as the HTTP API and the member grain take it.
    private CandidateMessage Message { get; }

    /// <summary>A candidate as the world offers it: normal priority, with the relevance the policy sees.</summary>
    internal static CandidateMessage Candidate(string messageId, MessageChannel channel, string category, string titleId, double relevance, DateTimeOffset expiresAt) => new()
    {
        MessageId = messageId,
        Channel = channel,
        Category = category,
        TitleId = titleId,
        Relevance = relevance,
        Priority = MessagePriorityLevel.Normal,
        ExpiresAt = expiresAt,
    };

    /// <summary>The candidate as the HTTP API and the member grain take it (immutable, so shared, not copied).</summary>
    public CandidateMessage ToCandidateMessage() => Message;

    /// <summary>The candidate as the in-process fast policy takes it.</summary>
    public Candidate ToCandidate() =>
        new(MessageId, Channel switch { MessageChannel.Email => Policy.Actions.Channel.Email, MessageChannel.InApp => Policy.Actions.Channel.InApp, _ => Policy.Actions.Channel.Push },
            Category, TitleId, Relevance, MessagePriority.Normal, ExpiresAt);
}
