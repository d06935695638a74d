namespace NotificationActors.Simulation.World;

/// <summary>
/// A member's state at the start of an oracle week: fatigue per channel, impact, open channels, each category's recency
/// exp(-rest / τ), and the chance of coming on one's own then, from which in-app pacing expects the week's sessions.
/// </summary>
internal sealed record OracleStart(double PushFatigue, double EmailFatigue, double InAppFatigue, double Impact, bool PushOpen, bool EmailOpen, double[] Recency, double Activity);

/// <summary>The oracle kernel's result for one frequency, before the opt-out penalty and the carry-over baseline.</summary>
/// <param name="Push">Pushes actually sent (0 when the channel is closed).</param>
/// <param name="Email">Emails actually sent.</param>
/// <param name="InAppSends">Expected in-app messages shown in the week.</param>
/// <param name="EngagedDays">Expected engaged days in the week.</param>
/// <param name="QuietWeekAfter">Expected engaged days in a quiet week after it.</param>
/// <param name="PushOptOut">Probability of opting out of push in the week.</param>
/// <param name="EmailOptOut">Probability of unsubscribing from email in the week.</param>
internal readonly record struct OracleRaw(int Push, int Email, double InAppSends, double EngagedDays, double QuietWeekAfter, double PushOptOut, double EmailOptOut);
