using NotificationActors.Abstractions.Members;

namespace NotificationActors.Simulation.World;

/// <summary>A send opportunity the world raises for a member: a daily slot, a title launch or an app session.</summary>
/// <param name="OpportunityId">Unique id, e.g. "sim-000042.20260302.d0".</param>
/// <param name="Kind">Daily slot, launch or session.</param>
/// <param name="Time">When it arises (UTC).</param>
/// <param name="Candidates">One to a few candidate messages.</param>
public sealed record WorldOpportunity(string OpportunityId, OpportunityType Kind, DateTimeOffset Time, IReadOnlyList<OfferedMessage> Candidates)
{
    /// <summary>The opportunity as the HTTP API and the member grain take it.</summary>
    public SendOpportunity ToRequest()
    {
        var candidates = new CandidateMessage[Candidates.Count];
        for (var i = 0; i < candidates.Length; i++) candidates[i] = Candidates[i].ToCandidateMessage();
        return new SendOpportunity { OpportunityId = OpportunityId, Time = Time, Kind = Kind, Candidates = candidates };
    }

    /// <summary>The candidate with <paramref name="messageId"/>, e.g. the one the policy chose.</summary>
    public bool TryFind(string messageId, out OfferedMessage message)
    {
        foreach (var candidate in Candidates)
        {
            if (string.Equals(candidate.MessageId, messageId, StringComparison.Ordinal))
            {
                message = candidate;
                return true;
            }
        }

        message = default;
        return false;
    }
}
