using System.Globalization;

namespace NotificationActors.Simulation.Experiment;

/// <summary>
/// The truth's view of each week of a live trial in the hierarchical arm, the challenger's side of the split against
/// the champion's: engaged days the week's messages added, in expectation (<see cref="World.SimulatedMember.ExpectedEngagedDays"/>,
/// each day a message led to a play counting 1 and any other day the member's chance of coming on their own, less the
/// days the member's base activity brings with no messages at all), and regret (the week's best plan by the truth minus
/// what was sent, valued from the member's state at the week's start with a quiet week after). The first is what a
/// trial measures without the coin flip of each organic visit or the spread of members' base activity, so its error
/// is a fraction of the trial's; the second sees only the week's choice, not the fatigue a week hands the next. Only a
/// simulation knows them. Sums are in fixed point, as <see cref="ExperimentTally"/>'s, so a seed's report is the same whatever order the
/// members end their weeks in.
/// </summary>
internal sealed class TrialVerdicts(int weeks)
{
    private const double UnitsPerDay = 1 << 20;
    private const int Measures = 2;

    // Per week, side (champion 0, challenger 1) and measure (expected engaged days 0, regret 1): sums and sums of squares, in units.
    private readonly long[] _members = new long[weeks * 2];
    private readonly long[] _sums = new long[weeks * 2 * Measures];
    private readonly long[] _squares = new long[weeks * 2 * Measures];

    public void Add(int week, bool challenger, double addedEngagedDays, double regret)
    {
        var side = (2 * week) + (challenger ? 1 : 0);
        Interlocked.Increment(ref _members[side]);
        Add(side * Measures, addedEngagedDays);
        Add((side * Measures) + 1, regret);
    }

    /// <summary>The week's verdict in words; null when no trial ran that week.</summary>
    public string? Describe(int week)
    {
        var (champion, challenger) = (2 * week, (2 * week) + 1);
        if (_members[champion] < 2 || _members[challenger] < 2) return null;
        var (days, daysError) = Difference(challenger, champion, 0);

        // Less regret is better: the challenger's gain is the champion's regret less its own.
        var (regret, regretError) = Difference(champion, challenger, 1);
        return string.Create(CultureInfo.InvariantCulture,
            $"by the truth, the challenger's members' messages added {days:+0.000;-0.000;0.000} ± {daysError:0.000} expected engaged days a member this week against the champion's, and their week's plans were {regret:+0.000;-0.000;0.000} ± {regretError:0.000} days closer to the week's best");
    }

    private void Add(int cell, double value)
    {
        var units = (long)Math.Round(value * UnitsPerDay);
        Interlocked.Add(ref _sums[cell], units);
        Interlocked.Add(ref _squares[cell], units * units);
    }

    // Mean of side a's measure less side b's, and its standard error.
    private (double Difference, double Error) Difference(int a, int b, int measure)
    {
        var (meanA, varianceA) = Moments(a, measure);
        var (meanB, varianceB) = Moments(b, measure);
        return (meanA - meanB, Math.Sqrt((varianceA / _members[a]) + (varianceB / _members[b])));
    }

    private (double Mean, double Variance) Moments(int side, int measure)
    {
        var n = _members[side];
        var cell = (side * Measures) + measure;
        var mean = _sums[cell] / UnitsPerDay / n;
        var meanSquare = _squares[cell] / (UnitsPerDay * UnitsPerDay) / n;
        return (mean, Math.Max(0, meanSquare - (mean * mean)) * n / (n - 1));
    }
}
