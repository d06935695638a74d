using NotificationActors.Simulation.Population;

namespace NotificationActors.Simulation.Experiment;

/// <summary>
/// What one run observed, counted per arm, cohort and week from the world's truth (never from what the policies
/// saw): member-weeks, engaged days, sends per channel, opens, clicks, members who opted out (of any channel and of
/// each), and regret against the oracle's plan, with in-app messages and on the push x email grid without them.
/// Members run concurrently, so every count is added atomically, and regret is summed in whole billionths of an
/// engaged day: integer sums do not depend on the order concurrent members add in, so a seed gives the same summary
/// to the last digit run after run (a sum of doubles differs in its last digits from one interleaving to the next).
/// </summary>
public sealed class ExperimentTally
{
    private const double RegretUnitsPerDay = 1e9;
    private static readonly int Cohorts = Enum.GetValues<Cohort>().Length;
    private readonly long[] _counts;
    private readonly long[] _regretUnits;
    private readonly long[] _gridRegretUnits;
    private readonly long[] _members;

    /// <summary>An empty tally for <paramref name="arms"/> over <paramref name="weeks"/> weeks.</summary>
    public ExperimentTally(IReadOnlyList<string> arms, int weeks)
    {
        ArgumentNullException.ThrowIfNull(arms);
        ArgumentOutOfRangeException.ThrowIfLessThan(weeks, 1);
        Arms = arms;
        Weeks = weeks;
        _counts = new long[arms.Count * Cohorts * weeks * (int)Count.Length];
        _regretUnits = new long[arms.Count * Cohorts * weeks];
        _gridRegretUnits = new long[arms.Count * Cohorts * weeks];
        _members = new long[arms.Count * Cohorts];
    }

    /// <summary>What is counted per arm, cohort and week.</summary>
    public enum Count
    {
        /// <summary>Member-weeks simulated.</summary>
        MemberWeeks,

        /// <summary>Days the member engaged (was active), by the world's truth.</summary>
        EngagedDays,

        /// <summary>Pushes delivered.</summary>
        PushSends,

        /// <summary>Emails delivered.</summary>
        EmailSends,

        /// <summary>In-app messages shown.</summary>
        InAppSends,

        /// <summary>Delivered messages (every channel) the member opened.</summary>
        Opens,

        /// <summary>Delivered messages the member clicked.</summary>
        Clicks,

        /// <summary>Members who opted out of a channel for the first time in the run.</summary>
        OptOutMembers,

        /// <summary>Members who turned push off.</summary>
        PushOptOuts,

        /// <summary>Members who unsubscribed from email.</summary>
        EmailOptOuts,

        /// <summary>Member-weeks whose regret against the oracle was measured.</summary>
        RegretWeeks,

        /// <summary>The number of counts (not a count).</summary>
        Length,
    }

    /// <summary>The arms, in report order.</summary>
    public IReadOnlyList<string> Arms { get; }

    /// <summary>Weeks in the run.</summary>
    public int Weeks { get; }

    /// <summary>Counts one member into its arm and cohort.</summary>
    public void AddMember(int arm, Cohort cohort) => Interlocked.Increment(ref _members[(arm * Cohorts) + (int)cohort]);

    /// <summary>Adds <paramref name="value"/> to a count.</summary>
    public void Add(int arm, Cohort cohort, int week, Count count, long value = 1)
    {
        if (value != 0) Interlocked.Add(ref _counts[(Cell(arm, cohort, week) * (int)Count.Length) + (int)count], value);
    }

    /// <summary>
    /// Adds one member-week's regret: the oracle's expected engaged days minus those of what the arm sent, and the same on
    /// the push x email grid without in-app messages (<see cref="World.OracleWeek.Regrets"/>).
    /// </summary>
    public void AddRegret(int arm, Cohort cohort, int week, double regret, double gridRegret)
    {
        var cell = Cell(arm, cohort, week);
        Interlocked.Add(ref _regretUnits[cell], (long)Math.Round(regret * RegretUnitsPerDay));
        Interlocked.Add(ref _gridRegretUnits[cell], (long)Math.Round(gridRegret * RegretUnitsPerDay));
        Add(arm, cohort, week, Count.RegretWeeks);
    }

    /// <summary>Members of an arm (all cohorts when <paramref name="cohort"/> is null).</summary>
    public long Members(int arm, Cohort? cohort = null) =>
        cohort is { } c ? _members[(arm * Cohorts) + (int)c] : Enumerable.Range(0, Cohorts).Sum(i => _members[(arm * Cohorts) + i]);

    /// <summary>A count summed over the weeks and cohorts asked for (all when null).</summary>
    public long Sum(int arm, Count count, Cohort? cohort = null, int? week = null)
    {
        var total = 0L;
        foreach (var (c, w) in Cells(cohort, week))
        {
            total += _counts[(Cell(arm, c, w) * (int)Count.Length) + (int)count];
        }

        return total;
    }

    /// <summary>Regret summed over the weeks and cohorts asked for (all when null).</summary>
    public double RegretSum(int arm, Cohort? cohort = null, int? week = null) =>
        Cells(cohort, week).Sum(cell => _regretUnits[Cell(arm, cell.Cohort, cell.Week)]) / RegretUnitsPerDay;

    /// <summary>Push x email regret without in-app messages summed over the weeks and cohorts asked for (all when null).</summary>
    public double GridRegretSum(int arm, Cohort? cohort = null, int? week = null) =>
        Cells(cohort, week).Sum(cell => _gridRegretUnits[Cell(arm, cell.Cohort, cell.Week)]) / RegretUnitsPerDay;

    private IEnumerable<(Cohort Cohort, int Week)> Cells(Cohort? cohort, int? week) =>
        from c in cohort is { } one ? [one] : Enum.GetValues<Cohort>()
        from w in week is { } only ? [only] : Enumerable.Range(0, Weeks)
        select (c, w);

    private int Cell(int arm, Cohort cohort, int week) => (((arm * Cohorts) + (int)cohort) * Weeks) + week;
}
