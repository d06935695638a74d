using NotificationActors.Policy.Slow;

namespace NotificationActors.Grains.Calibration;

/// <summary>What the served model's opt-out probabilities are multiplied by, per channel, when a plan is made.</summary>
[GenerateSerializer, Immutable]
public readonly record struct OptOutScale([property: Id(0)] double Push, [property: Id(1)] double Email)
{
    /// <summary>The model as it is: no population data yet.</summary>
    public static OptOutScale None { get; } = new(1, 1);

    /// <summary>
    /// Observed over predicted opt-outs per channel, each shrunk toward 1 (<see cref="OptOutScaledModel.ScaleFrom"/>) and
    /// rounded to a thousandth, so sums taken in a different order of arrival give the same scale.
    /// </summary>
    public static OptOutScale From(OptOutTally tally) => new(
        Math.Round(OptOutScaledModel.ScaleFrom(tally.PushObserved, tally.PushPredicted), 3),
        Math.Round(OptOutScaledModel.ScaleFrom(tally.EmailObserved, tally.EmailPredicted), 3));

    /// <summary>Whether either channel's scale is at least <paramref name="factor"/> times this one's.</summary>
    public bool RisesTo(OptOutScale later, double factor) => later.Push >= Push * factor || later.Email >= Email * factor;
}
