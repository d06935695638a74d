using NotificationActors.Policy.Actions;
using NotificationActors.Policy.Slow;

namespace NotificationActors.Simulation.Population;

/// <summary>A synthetic member as the slow policy sees it.</summary>
/// <param name="MemberId">A valid member id (docs/api.md), e.g. "sim-000042".</param>
/// <param name="Cohort">The member's viewing cohort.</param>
/// <param name="Features">The features the slow policy plans from.</param>
/// <param name="OptedIn">Channels the member accepts.</param>
public sealed record SyntheticMember(string MemberId, Cohort Cohort, MemberFeatures Features, ChannelSet OptedIn);
