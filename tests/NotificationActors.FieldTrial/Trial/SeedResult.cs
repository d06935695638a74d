namespace NotificationActors.FieldTrial.Trial;

/// <summary>One seed's trial: each policy's result by name (in report order) and the silo's budget audit.</summary>
internal sealed record SeedResult(int Seed, IReadOnlyList<(string Policy, PolicyResult Result)> Policies, AuditCounts Audit);
