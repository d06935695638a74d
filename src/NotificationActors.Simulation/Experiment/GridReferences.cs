using NotificationActors.Policy.Actions;
using NotificationActors.Simulation.Population;
using NotificationActors.Simulation.World;

namespace NotificationActors.Simulation.Experiment;

/// <summary>
/// What fixed plans could have done, from the truth's value of every push x email plan (no in-app messages) for the
/// oracle arm's members each week: how far the best single fixed plan for everyone over the whole run, and the best
/// fixed plan per true cohort, fall short of each member-week's own best plan on the same grid. Yardsticks for a
/// policy that personalises: its regret should end below both.
/// </summary>
public sealed class GridReferences
{
    private static readonly Cohort[] Cohorts = Enum.GetValues<Cohort>();

    // Values are summed in fixed point, 2^-32 of an engaged day: weeks arrive from parallel workers in any order, and
    // integer sums, unlike floating-point ones, do not depend on it, so a seed's report is the same to the last digit.
    private const double Scale = 1L << 32;

    private readonly Lock _gate = new();
    // Per cohort: each action's value summed over member-weeks, the member-weeks' own best summed, and their count.
    private readonly long[][] _values = new long[Cohorts.Length][];
    private readonly long[] _best = new long[Cohorts.Length];
    private readonly long[] _memberWeeks = new long[Cohorts.Length];
    private ActionGrid? _grid;

    /// <summary>Adds one member-week's truth: the value of every action of <paramref name="grid"/>, in grid order.</summary>
    public void Add(Cohort cohort, ActionGrid grid, ReadOnlySpan<OracleAction> actions)
    {
        ArgumentNullException.ThrowIfNull(grid);
        if (actions.Length != grid.Count) throw new ArgumentException($"{actions.Length} values for a grid of {grid.Count} actions.", nameof(actions));
        var best = double.NegativeInfinity;
        for (var a = 0; a < actions.Length; a++)
        {
            best = Math.Max(best, actions[a].Value);
        }

        lock (_gate)
        {
            if (_grid is not null && !ReferenceEquals(_grid, grid)) throw new ArgumentException("Every week's truth must be on the same grid.", nameof(grid));
            _grid = grid;
            var values = _values[(int)cohort] ??= new long[actions.Length];
            for (var a = 0; a < actions.Length; a++)
            {
                values[a] += Fixed(actions[a].Value);
            }

            _best[(int)cohort] += Fixed(best);
            _memberWeeks[(int)cohort]++;
        }
    }

    /// <summary>The best single fixed plan for every member and its regret per member-week; null before any week.</summary>
    public GridReference? Everyone()
    {
        lock (_gate)
        {
            var weeks = _memberWeeks.Sum();
            if (weeks == 0 || _grid is null) return null;
            var total = new long[_grid.Count];
            foreach (var values in _values.Where(v => v is not null))
            {
                for (var a = 0; a < total.Length; a++) total[a] += values[a];
            }

            return Reference(total, _best.Sum(), weeks);
        }
    }

    /// <summary>The best fixed plan of each true cohort with members, and its regret per member-week of that cohort.</summary>
    public IReadOnlyDictionary<string, GridReference> ByCohort()
    {
        lock (_gate)
        {
            return Cohorts.Where(c => _memberWeeks[(int)c] > 0)
                .ToDictionary(c => c.Key(), c => Reference(_values[(int)c], _best[(int)c], _memberWeeks[(int)c]));
        }
    }

    /// <summary>The regret per member-week when each cohort gets its own best fixed plan; null before any week.</summary>
    public double? PerCohortRegret()
    {
        lock (_gate)
        {
            var weeks = _memberWeeks.Sum();
            return weeks == 0 ? null : Cohorts.Where(c => _memberWeeks[(int)c] > 0).Sum(c => Reference(_values[(int)c], _best[(int)c], _memberWeeks[(int)c]).Regret * _memberWeeks[(int)c]) / weeks;
        }
    }

    // The action with the highest summed value (the first in grid order among ties) and its shortfall per member-week.
    private GridReference Reference(long[] values, long best, long weeks)
    {
        var top = 0;
        for (var a = 1; a < values.Length; a++)
        {
            if (values[a] > values[top]) top = a;
        }

        var action = _grid![top];
        return new GridReference(action.Push, action.Email, (best - values[top]) / Scale / weeks);
    }

    private static long Fixed(double value) => (long)Math.Round(value * Scale);
}

/// <summary>A fixed weekly plan and how many engaged days per member-week it falls short of each member's own best.</summary>
public sealed record GridReference(int Push, int Email, double Regret);
