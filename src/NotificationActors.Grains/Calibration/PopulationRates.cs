namespace NotificationActors.Grains.Calibration;

/// <summary>
/// The share of messages members opened, per channel, and of all messages they dismissed, over the calibration's days:
/// what a member with no history is assumed to open, and the usual dismissals a member's own are read against, while
/// the served priors are the built-in ones (<see cref="NotificationActors.Policy.Slow.PopulationPriors.WithObservedRates"/>).
/// Null while fewer than <see cref="MinSends"/> messages stand behind a rate.
/// </summary>
[GenerateSerializer, Immutable]
public readonly record struct PopulationRates([property: Id(0)] double? Push, [property: Id(1)] double? Email, [property: Id(2)] double? Dismiss = null)
{
    /// <summary>Messages on a channel before its open rate is read: its standard error is then at most 0.035 (0.021 at a rate of 0.1), within a week of traffic for a thousand members.</summary>
    public const int MinSends = 200;

    /// <summary>Nothing observed yet.</summary>
    public static PopulationRates None => default;

    /// <summary>
    /// Opens over sends per channel, and dismissals over every message sent (in-app too, as a member's own dismiss rate
    /// counts them), each rounded to a ten-thousandth so sums taken in any order give the same rates.
    /// </summary>
    public static PopulationRates From(OptOutTally tally) => new(
        Rate(tally.PushOpens, tally.PushSends),
        Rate(tally.EmailOpens, tally.EmailSends),
        Rate(tally.Dismisses, tally.PushSends + tally.EmailSends + tally.InAppSends));

    private static double? Rate(int events, int sends) => sends >= MinSends ? Math.Round(Math.Min(1, (double)events / sends), 4) : null;
}
