using NotificationActors.Policy.Slow;

namespace NotificationActors.Grains.Calibration;

/// <summary>What the served model's opt-out probabilities are multiplied by, per channel, when a week is planned.</summary>
[GenerateSerializer, Immutable]
public readonly record struct OptOutScale([property: Id(0)] double Push, [property: Id(1)] double Email)
{
    /// <summary>The model as it is: no population data yet.</summary>
    public static OptOutScale None { get; } = new(1, 1);

    /// <summary>Observed over predicted opt-outs per channel, each shrunk toward 1 (<see cref="OptOutScaledModel.ScaleFrom"/>).</summary>
    public static OptOutScale From(OptOutTally tally) => new(
        OptOutScaledModel.ScaleFrom(tally.PushObserved, tally.PushPredicted),
        OptOutScaledModel.ScaleFrom(tally.EmailObserved, tally.EmailPredicted));
}
