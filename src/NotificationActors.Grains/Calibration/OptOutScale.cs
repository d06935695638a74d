namespace NotificationActors.Grains.Calibration;

/// <summary>What the served model's opt-out probabilities are multiplied by, per channel, when a week is planned.</summary>
[GenerateSerializer, Immutable]
public readonly record struct OptOutScale([property: Id(0)] double Push, [property: Id(1)] double Email)
{
    /// <summary>The model as it is: no population data yet.</summary>
    public static OptOutScale None { get; } = new(1, 1);

    /// <summary>Opt-outs' worth of belief in the model's own level: a handful of opt-outs move it a little, hundreds all the way.</summary>
    public const double PseudoOptOuts = 3;

    /// <summary>The bounds of a scale: the model's shape over frequencies is kept, only its level moves.</summary>
    public const double Min = 0.05;

    /// <inheritdoc cref="Min"/>
    public const double Max = 20;

    /// <summary>Observed over predicted opt-outs per channel, each shrunk toward 1 by <see cref="PseudoOptOuts"/>.</summary>
    public static OptOutScale From(OptOutTally tally) => new(
        Ratio(tally.PushObserved, tally.PushPredicted),
        Ratio(tally.EmailObserved, tally.EmailPredicted));

    private static double Ratio(int observed, double predicted) => Math.Clamp((observed + PseudoOptOuts) / (predicted + PseudoOptOuts), Min, Max);
}
