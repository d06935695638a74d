using NotificationActors.Policy.Actions;

namespace NotificationActors.Policy.Slow;

/// <summary>The slow policy's choice for one member-week.</summary>
/// <param name="Action">The chosen push and email frequencies.</param>
/// <param name="Propensity">Probability with which this action was chosen, logged for off-policy evaluation.</param>
/// <param name="Explored">True when exploration picked an action other than the argmax.</param>
/// <param name="Utility">Predicted utility of the chosen action.</param>
/// <param name="BestUtility">Predicted utility of the argmax (equal to <paramref name="Utility"/> unless explored).</param>
public readonly record struct PlanChoice(PacingAction Action, double Propensity, bool Explored, double Utility, double BestUtility);
