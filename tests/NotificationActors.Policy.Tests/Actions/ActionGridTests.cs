using NotificationActors.Policy.Actions;

namespace NotificationActors.Policy.Tests.Actions;

public class ActionGridTests
{
    [Fact]
    public void TheDefaultGridHasAbout100Actions()
    {
        var grid = ActionGrid.Default;

        Assert.Equal(98, grid.Count);
        Assert.Equal((13, 6), (grid.MaxPush, grid.MaxEmail));
        Assert.Equal(new PacingAction(grid.IndexOf(3, 1), 3, 1), grid[grid.IndexOf(3, 1)]);
    }

    [Fact]
    public void ExplicitLevelsGiveACoarserGrid()
    {
        var grid = new ActionGrid([0, 1, 2, 4, 7, 14], [0, 1, 3, 7]);

        Assert.Equal(24, grid.Count);
        Assert.Equal(-1, grid.IndexOf(3, 0));
        Assert.Equal(14, grid[grid.IndexOf(14, 7)].Push);
    }

    [Theory]
    [InlineData(new[] { 1, 2 }, "start at 0")]
    [InlineData(new[] { 0, 2, 2 }, "rise strictly")]
    [InlineData(new int[0], "start at 0")]
    public void BadLevelsAreRejectedWithTheReason(int[] pushLevels, string reason)
    {
        var error = Assert.Throws<ArgumentException>(() => new ActionGrid(pushLevels, [0, 1]));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.Equal("pushLevels", error.ParamName);
    }
}
