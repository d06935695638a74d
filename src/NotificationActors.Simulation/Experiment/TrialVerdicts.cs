using System.Globalization;
using NotificationActors.Simulation.Population;

namespace NotificationActors.Simulation.Experiment;

/// <summary>
/// The truth's view of each week of a live trial in the hierarchical arm, the challenger's side of the split against
/// the champion's: engaged days the week's messages added, in expectation (<see cref="World.SimulatedMember.ExpectedEngagedDays"/>,
/// each day the member's chance of coming on their own plus 1 if a message led to a play on a day they did not come,
/// less the days the member's base activity brings with no messages at all), and regret (the week's best plan by the truth minus
/// what was sent, valued from the member's state at the week's start with a quiet week after). Each member's values are
/// taken as changes from their weeks before the trial began (<see cref="TrialHistory"/>), a difference in
/// differences: a member's engaged days do not move one for one with their base activity, so the split's chance
/// difference in who it holds showed in the lift itself (at 100,000 members, seed 1, the first version's side read
/// +0.012 to +0.023 a week in the three weeks before it planned anything). The first is what a trial measures without
/// the coin flip of each organic visit, so its error is a fraction of the trial's; the second sees only the week's
/// choice, not the fatigue a week hands the next. Only a simulation knows them. Sums are in fixed point, as
/// <see cref="ExperimentTally"/>'s, so a seed's report is the same whatever order the members end their weeks in.
/// </summary>
internal sealed class TrialVerdicts(int weeks)
{
    private const double UnitsPerDay = 1 << 20;

    // Every member, then each cohort: a version's overall gain can hide a loss where it moved plans most.
    private static readonly Cohort[] CohortsInOrder = Enum.GetValues<Cohort>();
    private static readonly int Slots = CohortsInOrder.Length + 1;

    // Per week, side (champion 0, challenger 1), slot (all 0, cohort c at c + 1) and measure: sums and sums of squares, in units.
    private readonly long[] _members = new long[weeks * 2 * Slots];
    private readonly long[] _sums = new long[weeks * 2 * Slots * (int)Measure.Length];
    private readonly long[] _squares = new long[weeks * 2 * Slots * (int)Measure.Length];

    private enum Measure
    {
        /// <summary>Expected engaged days the week's messages added, as a change from the member's level before the trial.</summary>
        AddedEngagedDays,

        /// <summary>The week's regret, as a change from the member's level before the trial.</summary>
        Regret,

        /// <summary>Pushes delivered in the week, as they were: what the version changed.</summary>
        Pushes,

        Emails,

        InAppMessages,

        Length,
    }

    /// <summary>
    /// Takes a member's week: with <paramref name="trial"/> (the version on trial and whether the member is on its side)
    /// the week's values less the member's level when that trial began go to the week's sides, overall and in the
    /// member's <paramref name="cohort"/>, with the week's <paramref name="sends"/>; either way the week joins the
    /// member's <paramref name="history"/>. A member with no week before the trial is not counted.
    /// </summary>
    public void Add(int week, TrialHistory history, (string Version, bool Challenger)? trial, Cohort cohort, double addedEngagedDays, double regret, (int Push, int Email, int InApp) sends)
    {
        ArgumentNullException.ThrowIfNull(history);
        if (trial is { } running && history.FixBaseline(running.Version) is { } baseline)
        {
            Add(week, running.Challenger, cohort, addedEngagedDays - baseline.AddedEngagedDays, regret - baseline.Regret, sends);
        }

        history.Add(addedEngagedDays, regret);
    }

    /// <summary>Takes one member's week of a trial as it is, on its side.</summary>
    public void Add(int week, bool challenger, Cohort cohort, double addedEngagedDays, double regret, (int Push, int Email, int InApp) sends)
    {
        foreach (var slot in (ReadOnlySpan<int>)[0, SlotOf(cohort)])
        {
            var cell = Cell(week, challenger, slot);
            Interlocked.Increment(ref _members[cell]);
            Add(cell, Measure.AddedEngagedDays, addedEngagedDays);
            Add(cell, Measure.Regret, regret);
            Add(cell, Measure.Pushes, sends.Push);
            Add(cell, Measure.Emails, sends.Email);
            Add(cell, Measure.InAppMessages, sends.InApp);
        }
    }

    /// <summary>The week's verdict in words; null when no trial ran that week.</summary>
    public string? Describe(int week)
    {
        var (champion, challenger) = (Cell(week, challenger: false, 0), Cell(week, challenger: true, 0));
        if (_members[champion] < 2 || _members[challenger] < 2) return null;
        var (days, daysError) = Difference(challenger, champion, Measure.AddedEngagedDays);

        // Less regret is better: the challenger's gain is the champion's regret less its own.
        var (regret, regretError) = Difference(champion, challenger, Measure.Regret);
        var cohorts = string.Join(", ", CohortsInOrder.Select(cohort => DescribeCohort(week, cohort)).OfType<string>());
        return string.Create(CultureInfo.InvariantCulture,
            $"by the truth, the challenger's members' messages added {days:+0.000;-0.000;0.000} ± {daysError:0.000} expected engaged days a member this week against the champion's, and their week's plans were {regret:+0.000;-0.000;0.000} ± {regretError:0.000} days closer to the week's best (both as changes from the members' weeks before the trial); by cohort, the days added, then pushes / emails / in-app messages a member on the challenger's side against the champion's: {cohorts}");
    }

    // One cohort's part of the verdict; null when either side has too few of its members to say.
    private string? DescribeCohort(int week, Cohort cohort)
    {
        var (champion, challenger) = (Cell(week, challenger: false, SlotOf(cohort)), Cell(week, challenger: true, SlotOf(cohort)));
        if (_members[champion] < 2 || _members[challenger] < 2) return null;
        var (days, error) = Difference(challenger, champion, Measure.AddedEngagedDays);
        return string.Create(CultureInfo.InvariantCulture,
            $"{cohort.Key()} {days:+0.000;-0.000;0.000} ± {error:0.000} ({Sends(challenger)} against {Sends(champion)})");

        string Sends(int cell) => string.Create(CultureInfo.InvariantCulture,
            $"{Moments(cell, Measure.Pushes).Mean:0.00} / {Moments(cell, Measure.Emails).Mean:0.00} / {Moments(cell, Measure.InAppMessages).Mean:0.00}");
    }

    private static int SlotOf(Cohort cohort) => (int)cohort + 1;

    private static int Cell(int week, bool challenger, int slot) => (((2 * week) + (challenger ? 1 : 0)) * Slots) + slot;

    // Where a cell's measure is summed.
    private static int Index(int cell, Measure measure) => (cell * (int)Measure.Length) + (int)measure;

    private void Add(int cell, Measure measure, double value)
    {
        var index = Index(cell, measure);
        var units = (long)Math.Round(value * UnitsPerDay);
        Interlocked.Add(ref _sums[index], units);
        Interlocked.Add(ref _squares[index], units * units);
    }

    // Mean of cell a's measure less cell b's, and its standard error.
    private (double Difference, double Error) Difference(int a, int b, Measure measure)
    {
        var (meanA, varianceA) = Moments(a, measure);
        var (meanB, varianceB) = Moments(b, measure);
        return (meanA - meanB, Math.Sqrt((varianceA / _members[a]) + (varianceB / _members[b])));
    }

    private (double Mean, double Variance) Moments(int cell, Measure measure)
    {
        var n = _members[cell];
        var index = Index(cell, measure);
        var mean = _sums[index] / UnitsPerDay / n;
        var meanSquare = _squares[index] / (UnitsPerDay * UnitsPerDay) / n;
        return (mean, Math.Max(0, meanSquare - (mean * mean)) * n / (n - 1));
    }
}

/// <summary>
/// One member's weeks by the truth, each week weighing as much as all before it (about the last three weeks), and
/// their level when the version now on trial began.
/// </summary>
internal sealed class TrialHistory
{
    private (double AddedEngagedDays, double Regret)? _recent;
    private (string Version, double AddedEngagedDays, double Regret)? _baseline;

    /// <summary>
    /// The member's level before <paramref name="version"/>'s trial began, fixed at the first call for that version (the
    /// trial's first week, before the week joins the history); null for a member with no week before it.
    /// </summary>
    public (double AddedEngagedDays, double Regret)? FixBaseline(string version)
    {
        if (_baseline?.Version != version)
        {
            if (_recent is not { } recent) return null;
            _baseline = (version, recent.AddedEngagedDays, recent.Regret);
        }

        return (_baseline.Value.AddedEngagedDays, _baseline.Value.Regret);
    }

    public void Add(double addedEngagedDays, double regret) =>
        _recent = _recent is { } recent ? ((recent.AddedEngagedDays + addedEngagedDays) / 2, (recent.Regret + regret) / 2) : (addedEngagedDays, regret);
}
