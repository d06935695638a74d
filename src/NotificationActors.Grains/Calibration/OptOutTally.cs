namespace NotificationActors.Grains.Calibration;

/// <summary>
/// What one calibration's plans (an arm's, by one opt-out lineage) sent on a day and what came of it, push then email: the messages sent, the opt-outs
/// the model predicted for them (each message carries its plan's weekly opt-out probability, unscaled, spread over the
/// plan's messages on that channel), the opt-outs members reported that day, and the opens they reported that day;
/// then the in-app messages sent and the messages of any channel members dismissed, for the population's usual dismissals.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record OptOutTally(
    [property: Id(0)] int PushSends,
    [property: Id(1)] double PushPredicted,
    [property: Id(2)] int PushObserved,
    [property: Id(3)] int EmailSends,
    [property: Id(4)] double EmailPredicted,
    [property: Id(5)] int EmailObserved,
    [property: Id(6)] int PushOpens = 0,
    [property: Id(7)] int EmailOpens = 0,
    [property: Id(8)] int InAppSends = 0,
    [property: Id(9)] int Dismisses = 0)
{
    /// <summary>Nothing sent, nothing seen.</summary>
    public static OptOutTally Empty { get; } = new(0, 0, 0, 0, 0, 0);

    /// <summary>The sum of two tallies.</summary>
    public OptOutTally Add(OptOutTally other) => new(
        PushSends + other.PushSends,
        PushPredicted + other.PushPredicted,
        PushObserved + other.PushObserved,
        EmailSends + other.EmailSends,
        EmailPredicted + other.EmailPredicted,
        EmailObserved + other.EmailObserved,
        PushOpens + other.PushOpens,
        EmailOpens + other.EmailOpens,
        InAppSends + other.InAppSends,
        Dismisses + other.Dismisses);
}
