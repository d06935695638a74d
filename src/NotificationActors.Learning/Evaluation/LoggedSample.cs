namespace NotificationActors.Learning.Evaluation;

/// <summary>One logged decision, seen from a target policy being evaluated off-policy.</summary>
/// <param name="LoggingPropensity">mu(a|x): the probability with which the logging policy took the logged action, in (0, 1].</param>
/// <param name="TargetProbability">pi(a|x): the probability the target policy takes that same action, in [0, 1].</param>
/// <param name="Reward">The outcome observed after the logged action.</param>
/// <param name="ModelRewardOfLogged">q(x, a): a model's prediction of the reward of the logged action.</param>
/// <param name="ModelValueUnderTarget">sum_a pi(a|x) q(x, a): the model's prediction of the target policy's reward here.</param>
public readonly record struct LoggedSample(double LoggingPropensity, double TargetProbability, double Reward, double ModelRewardOfLogged, double ModelValueUnderTarget);
