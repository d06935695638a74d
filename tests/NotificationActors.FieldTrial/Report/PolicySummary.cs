namespace NotificationActors.FieldTrial.Report;

/// <summary>A policy across seeds: over all members and per segment (by its JSON name).</summary>
internal sealed record PolicySummary(PolicyEstimate Overall, IReadOnlyDictionary<string, PolicyEstimate> Segments);
