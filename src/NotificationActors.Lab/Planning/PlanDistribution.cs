using NotificationActors.Policy.Actions;
using NotificationActors.Policy.Slow;
using NotificationActors.Simulation.Population;

namespace NotificationActors.Lab.Planning;

/// <summary>How many members got each plan, overall and per cohort, with the sums the summary table needs.</summary>
internal sealed class PlanDistribution
{
    private static readonly Cohort[] Cohorts = Enum.GetValues<Cohort>();

    private readonly int[,] _counts;
    private readonly CohortTotals[] _totals = new CohortTotals[Cohorts.Length];

    public PlanDistribution(ActionGrid grid)
    {
        Grid = grid;
        _counts = new int[Cohorts.Length, grid.Count];
    }

    public ActionGrid Grid { get; }

    public int Members { get; private set; }

    public void Add(Cohort cohort, in PlanChoice choice, int inAppCap)
    {
        _counts[(int)cohort, choice.Action.Index]++;
        ref var totals = ref _totals[(int)cohort];
        totals.Members++;
        totals.Push += choice.Action.Push;
        totals.Email += choice.Action.Email;
        totals.InApp += inAppCap;
        totals.Utility += choice.Utility;
        if (choice.Action.Sends == 0) totals.Silent++;
        if (choice.Explored) totals.Explored++;
        Members++;
    }

    /// <summary>Members with this action over all cohorts.</summary>
    public int Count(int actionIndex)
    {
        var total = 0;
        foreach (var cohort in Cohorts)
        {
            total += _counts[(int)cohort, actionIndex];
        }

        return total;
    }

    public IEnumerable<(Cohort Cohort, CohortTotals Totals)> ByCohort() => Cohorts.Select(c => (c, _totals[(int)c]));

    /// <summary>Sums for one cohort.</summary>
    internal struct CohortTotals
    {
        public int Members;
        public long Push;
        public long Email;
        public long InApp;
        public int Silent;
        public int Explored;
        public double Utility;

        public readonly double Mean(double sum) => Members == 0 ? 0 : sum / Members;
    }
}
