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

    /// <summary>
    /// The scale each channel's opt-outs still support at the low end of their one-sided 95% interval: what a rise must
    /// clear before it cuts budgets (<see cref="RisesTo"/>). A young calibration, a new lineage's in its first days, holds
    /// a few opt-outs a day and its scale swung from 0.78 to 1.63 and back within a week (docs/experiments.md); read at its
    /// point, that noise cut the budgets of a version's first trial week. A mature calibration's bound is near its point.
    /// </summary>
    public static OptOutScale LowerBound(OptOutTally tally) => new(
        Math.Round(OptOutScaledModel.ScaleFrom(PoissonLowerBound(tally.PushObserved), tally.PushPredicted), 3),
        Math.Round(OptOutScaledModel.ScaleFrom(PoissonLowerBound(tally.EmailObserved), tally.EmailPredicted), 3));

    /// <summary>Whether either channel of <paramref name="later"/> (a <see cref="LowerBound"/>) is at least <paramref name="factor"/> times this scale's.</summary>
    public bool RisesTo(OptOutScale later, double factor) => later.Push >= Push * factor || later.Email >= Email * factor;

    // The one-sided 95% lower bound of a Poisson mean from a count, by Wilson and Hilferty's cube-root approximation
    // (within 1% of the exact chi-square bound from three counts up; 0.040 against 0.051 at one). Written out because
    // it is one line and the product takes no statistics library.
    internal static double PoissonLowerBound(int count)
    {
        const double z = 1.645;
        if (count <= 0) return 0;
        var root = 1 - (1.0 / (9 * count)) - (z / (3 * Math.Sqrt(count)));
        return root <= 0 ? 0 : count * root * root * root;
    }
}
