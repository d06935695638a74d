using NotificationActors.Learning.Evaluation;

namespace NotificationActors.Learning.Tuning;

/// <summary>A candidate slow policy's estimated outcomes from the logs.</summary>
/// <param name="Name">The candidate's name.</param>
/// <param name="MessageCost">Its universal message cost.</param>
/// <param name="Engagement">Engaged days per member over a planned week and the week after.</param>
/// <param name="OptOut">Share of member-weeks with an opt-out from any channel.</param>
public sealed record CandidateEvaluation(string Name, double MessageCost, OffPolicyReport Engagement, OffPolicyReport OptOut);
