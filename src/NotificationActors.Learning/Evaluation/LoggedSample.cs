namespace NotificationActors.Learning.Evaluation;

/// <summary>
/// One logged decision (a member's week: the action the logging policy took and what followed), seen from the
/// target policy being evaluated.
/// </summary>
/// <param name="LoggingPropensity">
/// mu(a_i | x_i): the probability with which the logging policy took the logged action, as logged with the plan;
/// in (0, 1].
/// </param>
/// <param name="TargetProbability">pi(a_i | x_i): the probability that the target policy takes that same action; in [0, 1].</param>
/// <param name="Reward">r_i: the outcome observed after the logged action; finite.</param>
/// <param name="ModelRewardOfLogged">q(x_i, a_i): a reward model's prediction for the logged action; finite.</param>
/// <param name="ModelValueUnderTarget">
/// sum_a pi(a | x_i) q(x_i, a): the same model's prediction of the target policy's reward in this context (the
/// direct-method term of the doubly-robust estimate); finite.
/// </param>
public readonly record struct LoggedSample(
    double LoggingPropensity,
    double TargetProbability,
    double Reward,
    double ModelRewardOfLogged,
    double ModelValueUnderTarget);
