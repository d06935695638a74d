namespace NotificationActors.Simulation.World;

/// <summary>A member's state at the start of an oracle week: fatigue, impact, open channels and each category's recency exp(-rest / τ).</summary>
internal sealed record OracleStart(double PushFatigue, double EmailFatigue, double Impact, bool PushOpen, bool EmailOpen, double[] Recency);

/// <summary>The oracle kernel's result for one frequency, before the opt-out penalty and the carry-over baseline.</summary>
/// <param name="Push">Pushes actually sent (0 when the channel is closed).</param>
/// <param name="Email">Emails actually sent.</param>
/// <param name="EngagedDays">Expected engaged days in the week.</param>
/// <param name="QuietWeekAfter">Expected engaged days in a quiet week after it.</param>
/// <param name="PushOptOut">Probability of opting out of push in the week.</param>
/// <param name="EmailOptOut">Probability of unsubscribing from email in the week.</param>
internal readonly record struct OracleRaw(int Push, int Email, double EngagedDays, double QuietWeekAfter, double PushOptOut, double EmailOptOut);
