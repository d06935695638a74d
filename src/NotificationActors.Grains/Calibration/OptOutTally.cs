namespace NotificationActors.Grains.Calibration;

/// <summary>
/// Closed member-weeks with messages planned on a channel, the opt-outs the model serving predicted for them (its own
/// probabilities, unscaled) and the opt-outs that happened: push then email.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record OptOutTally(
    [property: Id(0)] int PushWeeks,
    [property: Id(1)] double PushPredicted,
    [property: Id(2)] int PushObserved,
    [property: Id(3)] int EmailWeeks,
    [property: Id(4)] double EmailPredicted,
    [property: Id(5)] int EmailObserved)
{
    /// <summary>No weeks.</summary>
    public static OptOutTally Empty { get; } = new(0, 0, 0, 0, 0, 0);

    /// <summary>The sum of two tallies.</summary>
    public OptOutTally Add(OptOutTally other) => new(
        PushWeeks + other.PushWeeks,
        PushPredicted + other.PushPredicted,
        PushObserved + other.PushObserved,
        EmailWeeks + other.EmailWeeks,
        EmailPredicted + other.EmailPredicted,
        EmailObserved + other.EmailObserved);
}
