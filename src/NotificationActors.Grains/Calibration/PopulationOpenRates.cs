namespace NotificationActors.Grains.Calibration;

/// <summary>
/// The share of messages members opened, per channel, over the calibration's days: what a member with no history is
/// assumed to open while the served priors are the built-in ones (<see cref="NotificationActors.Policy.Slow.PopulationPriors.WithObservedOpenRates"/>).
/// Null on a channel with fewer than <see cref="MinSends"/> messages.
/// </summary>
[GenerateSerializer, Immutable]
public readonly record struct PopulationOpenRates([property: Id(0)] double? Push, [property: Id(1)] double? Email)
{
    /// <summary>Messages on a channel before its open rate is read: its standard error is then at most 0.035 (0.021 at a rate of 0.1), within a week of traffic for a thousand members.</summary>
    public const int MinSends = 200;

    /// <summary>Nothing observed yet.</summary>
    public static PopulationOpenRates None => default;

    /// <summary>Opens over sends per channel, rounded to a ten-thousandth so sums taken in any order give the same rates.</summary>
    public static PopulationOpenRates From(OptOutTally tally) => new(Rate(tally.PushOpens, tally.PushSends), Rate(tally.EmailOpens, tally.EmailSends));

    private static double? Rate(int opens, int sends) => sends >= MinSends ? Math.Round(Math.Min(1, (double)opens / sends), 4) : null;
}
