using System.Collections;
using NotificationActors.Abstractions.Members;

namespace NotificationActors.Simulation.World;

/// <summary>
/// A send opportunity the world raises for a member: a daily slot, a title launch or an app session. It holds the
/// request the grain takes, made once, and derives each candidate's offer (category index, outcome key) when asked:
/// every member-day raises a few of these, and a second copy of the candidates per opportunity was a tenth of an
/// experiment's allocation.
/// </summary>
public sealed class WorldOpportunity
{
    private readonly ulong _key;
    private readonly IReadOnlyDictionary<string, int> _categoryIndex;

    /// <param name="request">The opportunity as the grain takes it; its candidates are the offers, in order.</param>
    /// <param name="key">The opportunity's random key; candidate j's outcomes draw from <c>StreamRandom.Key(key, j)</c>.</param>
    /// <param name="categoryIndex">The world's categories by name.</param>
    internal WorldOpportunity(SendOpportunity request, ulong key, IReadOnlyDictionary<string, int> categoryIndex)
    {
        Request = request;
        _key = key;
        _categoryIndex = categoryIndex;
    }

    /// <summary>Unique id, e.g. "sim-000042.20260302.d0".</summary>
    public string OpportunityId => Request.OpportunityId;

    /// <summary>Daily slot, launch or session.</summary>
    public OpportunityType Kind => Request.Kind;

    /// <summary>When it arises (UTC).</summary>
    public DateTimeOffset Time => Request.Time;

    /// <summary>One to a few candidate messages.</summary>
    public IReadOnlyList<OfferedMessage> Candidates => new Offers(this);

    private SendOpportunity Request { get; }

    /// <summary>The opportunity as the HTTP API and the member grain take it (immutable, so shared, not copied).</summary>
    public SendOpportunity ToRequest() => Request;

    /// <summary>The candidate with <paramref name="messageId"/>, e.g. the one the policy chose.</summary>
    public bool TryFind(string messageId, out OfferedMessage message)
    {
        var candidates = Request.Candidates;
        for (var j = 0; j < candidates.Count; j++)
        {
            if (string.Equals(candidates[j].MessageId, messageId, StringComparison.Ordinal))
            {
                message = Offer(j);
                return true;
            }
        }

        message = default;
        return false;
    }

    private OfferedMessage Offer(int j)
    {
        var candidate = Request.Candidates[j];
        return new OfferedMessage(candidate, _categoryIndex[candidate.Category], Kind, StreamRandom.Key(_key, (ulong)j));
    }

    private sealed class Offers(WorldOpportunity opportunity) : IReadOnlyList<OfferedMessage>
    {
        public int Count => opportunity.Request.Candidates.Count;

        public OfferedMessage this[int index] => (uint)index < (uint)Count ? opportunity.Offer(index) : throw new ArgumentOutOfRangeException(nameof(index));

        public IEnumerator<OfferedMessage> GetEnumerator()
        {
            for (var j = 0; j < Count; j++) yield return opportunity.Offer(j);
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
