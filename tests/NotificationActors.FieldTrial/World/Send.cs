namespace NotificationActors.FieldTrial.World;

/// <summary>A policy's choice to send <paramref name="Message"/> at <paramref name="Opportunity"/>.</summary>
internal sealed record Send(Opportunity Opportunity, Candidate Message);
