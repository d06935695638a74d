using NotificationActors.Policy.Actions;
using NotificationActors.Simulation.Experiment;
using NotificationActors.Simulation.Population;
using NotificationActors.Simulation.World;

namespace NotificationActors.Simulation.Tests.Experiment;

public sealed class GridReferencesTests
{
    private static readonly ActionGrid Grid = new([0, 1], [0, 1]);

    // One member-week's truth on the 2 x 2 grid: the value of (0,0), (0,1), (1,0), (1,1) in grid order.
    private static OracleAction[] Week(params double[] values) =>
        [.. Enumerable.Range(0, Grid.Count).Select(i => new OracleAction(Grid[i].Push, Grid[i].Email, 0, 0, values[i], 0, 0, 0, 0, values[i]))];

    [Fact]
    public void TheBestFixedPlansFallShortOfEachMemberWeeksOwnBestByTheirLostValue()
    {
        var references = new GridReferences();
        // Casual members are best served by push, heavy ones by nothing: one plan for all must pick a side.
        references.Add(Cohort.Casual, Grid, Week(1, 1, 3, 2));
        references.Add(Cohort.Casual, Grid, Week(1, 1, 3, 2));
        references.Add(Cohort.Heavy, Grid, Week(5, 4, 4, 3));

        var everyone = references.Everyone()!;
        var byCohort = references.ByCohort();

        // Summed: (0,0) 7, (0,1) 6, (1,0) 10, (1,1) 7; own bests sum to 11.
        Assert.Equal((1, 0, 1.0 / 3), (everyone.Push, everyone.Email, everyone.Regret));
        Assert.Equal((1, 0, 0.0), (byCohort["casual"].Push, byCohort["casual"].Email, byCohort["casual"].Regret));
        Assert.Equal((0, 0, 0.0), (byCohort["heavy"].Push, byCohort["heavy"].Email, byCohort["heavy"].Regret));
        Assert.Equal(0, references.PerCohortRegret());
        Assert.False(byCohort.ContainsKey("regular"));
    }

    [Fact]
    public void NothingAddedHasNoYardsticks()
    {
        var references = new GridReferences();

        Assert.Null(references.Everyone());
        Assert.Null(references.PerCohortRegret());
        Assert.Empty(references.ByCohort());
    }

    [Fact]
    public void ATruthOfTheWrongSizeIsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => new GridReferences().Add(Cohort.Regular, Grid, Week(1, 2, 3, 4).AsSpan(0, 3)));

        Assert.Contains("3 values for a grid of 4 actions", error.Message, StringComparison.Ordinal);
    }
}
