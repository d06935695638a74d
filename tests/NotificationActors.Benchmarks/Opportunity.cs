using NotificationActors.Policy.Pacing;

namespace NotificationActors.Benchmarks;

/// <summary>One send opportunity replayed by <see cref="DecisionBenchmark"/>.</summary>
/// <param name="At">When it arises.</param>
/// <param name="Kind">What raised it.</param>
public readonly record struct Opportunity(DateTimeOffset At, OpportunityKind Kind);
