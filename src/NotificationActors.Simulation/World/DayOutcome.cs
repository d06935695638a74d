using NotificationActors.Abstractions.Members;

namespace NotificationActors.Simulation.World;

/// <summary>A member's day as the platform saw it.</summary>
/// <param name="Day">The UTC day.</param>
/// <param name="Engaged">The member was active: on their own, or because a message led to a play.</param>
/// <param name="OrganicallyActive">The member came on their own (drawn at the start of the day; the day had app sessions).</param>
/// <param name="PlayedFromMessage">A message led to a play that day.</param>
/// <param name="Activity">The activity events to report (docs/api.md), in time order; empty on an idle day.</param>
public readonly record struct DayOutcome(DateOnly Day, bool Engaged, bool OrganicallyActive, bool PlayedFromMessage, IReadOnlyList<ActivityEvent> Activity);
