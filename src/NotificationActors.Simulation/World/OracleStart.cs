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

/// <summary>
/// What turns a kernel result into an <see cref="OracleAction"/>'s value: the quiet week's carry-over, against which
/// an action's is measured, and each channel's worth, which prices its opt-out probability.
/// </summary>
internal readonly record struct OraclePricing(double BaselineAfter, double PushChannelValue, double EmailChannelValue)
{
    public OracleAction Complete(int push, int email, int inApp, OracleRaw raw)
    {
        var penalty = (raw.PushOptOut * PushChannelValue) + (raw.EmailOptOut * EmailChannelValue);
        var carryOver = raw.QuietWeekAfter - BaselineAfter;
        return new OracleAction(push, email, inApp, raw.InAppSends, raw.EngagedDays, carryOver, raw.PushOptOut, raw.EmailOptOut, penalty, raw.EngagedDays + carryOver - penalty);
    }
}

/// <summary>A member's oracle week as an experiment keeps it (<see cref="WeekOracle.Summarise(SimulatedMember, OracleStart)"/>): the best plan, its prices and the start state.</summary>
internal readonly record struct OracleWeek(OracleAction Best, OracleAction GridBest, OraclePricing Pricing, OracleStart Start)
{
    /// <summary>
    /// Value lost by a week that sent <paramref name="push"/> pushes, <paramref name="email"/> emails and showed
    /// <paramref name="inApp"/> in-app messages instead of <see cref="Best"/>'s plan, as <see cref="WeekOracle.Regret"/>.
    /// </summary>
    public double Regret(SimulatedMember member, int push, int email, int inApp) => Best.Value - ValueOfSent(member, push, email, inApp).Value;

    /// <summary>
    /// <see cref="Regret"/> of one week, and its push and email regret: the value lost by its pushes and emails, valued
    /// without in-app messages, against <see cref="GridBest"/>, the best push and email plan without them, which is how good
    /// a policy's choice of frequencies was on the footing of the fixed-plan yardsticks (<c>GridReferences</c>), which send
    /// no in-app messages either. The week without in-app messages is evaluated once when it showed none (each evaluation
    /// simulates the whole week).
    /// </summary>
    public (double Regret, double GridRegret) Regrets(SimulatedMember member, int push, int email, int inApp)
    {
        var withoutInApp = ValueOfSent(member, push, email, 0).Value;
        var sent = inApp == 0 ? withoutInApp : ValueOfSent(member, push, email, inApp).Value;
        return (Best.Value - sent, GridBest.Value - withoutInApp);
    }

    /// <summary>The truth about a week that sent these, evaluated from <see cref="Start"/>, as <see cref="WeekOracle.ValueOfSent"/> off its grid.</summary>
    public OracleAction ValueOfSent(SimulatedMember member, int push, int email, int inApp)
    {
        ArgumentNullException.ThrowIfNull(member);
        return Pricing.Complete(push, email, inApp, member.Evaluate(Start, push, email, inAppShown: inApp));
    }
}
