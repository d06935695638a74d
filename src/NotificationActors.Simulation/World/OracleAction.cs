namespace NotificationActors.Simulation.World;

/// <summary>
/// The truth about one weekly (push, email) frequency and in-app cap for a member in a given state, from <see cref="WeekOracle"/>.
/// <see cref="Value"/> = <see cref="EngagedDays"/> + <see cref="CarryOver"/> - <see cref="OptOutPenalty"/>, in engaged days.
/// </summary>
/// <param name="Push">Pushes in the week (those on a closed channel are not sent and count as none).</param>
/// <param name="Email">Emails in the week.</param>
/// <param name="InApp">A plan's in-app cap, paced over the app sessions that offer an in-app candidate; or, for a week sent (<see cref="WeekOracle.ValueOfSent"/>), the in-app messages it showed.</param>
/// <param name="InAppSends">Expected in-app messages shown: at most the cap, fewer when the member has fewer such sessions.</param>
/// <param name="EngagedDays">Expected engaged days in the week, in [0, 7].</param>
/// <param name="CarryOver">Expected engaged days in a quiet week after, relative to a quiet week after a quiet week: what the week's lift and fatigue leave behind.</param>
/// <param name="PushOptOut">Probability of opting out of push during the week.</param>
/// <param name="EmailOptOut">Probability of unsubscribing from email during the week.</param>
/// <param name="OptOutPenalty">Opt-out probabilities times the channels' worth (<see cref="WeekOracle.PushChannelValue"/>, <see cref="WeekOracle.EmailChannelValue"/>).</param>
/// <param name="Value">The action's value in engaged days.</param>
public readonly record struct OracleAction(int Push, int Email, int InApp, double InAppSends, double EngagedDays, double CarryOver, double PushOptOut, double EmailOptOut, double OptOutPenalty, double Value);
