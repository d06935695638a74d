using NotificationActors.Abstractions.Members;

namespace NotificationActors.FieldTrial.World;

/// <summary>A moment a caller may message a member, with the candidates it would send; times are since day 0.</summary>
/// <param name="Id">Unique in the trial.</param>
/// <param name="Day">Day of the trial, 0 a Monday.</param>
/// <param name="Slot">0 in the morning, 1 in the evening.</param>
/// <param name="Kind">What raised it, in the API's terms.</param>
/// <param name="At">When, since 00:00 UTC of day 0.</param>
/// <param name="Candidates">The messages it could send.</param>
internal sealed record Opportunity(string Id, int Day, int Slot, OpportunityType Kind, TimeSpan At, IReadOnlyList<Candidate> Candidates);
