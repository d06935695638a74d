using NotificationActors.FieldTrial.World;

namespace NotificationActors.FieldTrial.Trial;

/// <summary>A policy's metrics in one seed: over all members, and per segment (segments with no member left out).</summary>
internal sealed record PolicyResult(PolicyMetrics Overall, IReadOnlyDictionary<Segment, PolicyMetrics> Segments)
{
    public static PolicyResult Of(IReadOnlyList<Participant> participants, int weeks) => new(
        PolicyMetrics.Of(participants, weeks),
        participants.GroupBy(p => p.Segment).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => PolicyMetrics.Of(g.ToArray(), weeks)));
}
