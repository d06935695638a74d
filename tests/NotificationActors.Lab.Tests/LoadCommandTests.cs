namespace NotificationActors.Lab.Tests;

/// <summary>The <c>load</c> verbs: a bad option is refused before anything starts, naming it; a small run reports its rates.</summary>
public sealed class LoadCommandTests
{
    [Theory]
    [InlineData(new[] { "load", "http", "--storage", "postgres" }, "--storage postgres needs --postgres \"<connection string>\".")]
    [InlineData(new[] { "load", "http", "--storage", "azure" }, "--storage azure needs --azure \"<connection string>\".")]
    [InlineData(new[] { "load", "http", "--postgres", "Host=127.0.0.1" }, "--postgres is only used with --storage postgres (the storage is sqlite).")]
    [InlineData(new[] { "load", "http", "--storage", "postgres", "--postgres", "Database=na" }, "--postgres: The PostgreSQL connection string names no Host")]
    [InlineData(new[] { "load", "http", "--storage", "mysql" }, "--storage: 'mysql' is not one of")]
    [InlineData(new[] { "load", "http", "--silos", "2" }, "--silos is only used with a clustered store")]
    [InlineData(new[] { "load", "http", "--seconds", "0" }, "--seconds: '0' is not a number from 1 to 3600.")]
    [InlineData(new[] { "load", "failover" }, "--storage postgres needs --postgres \"<connection string>\".")]
    [InlineData(new[] { "load", "failover", "--storage", "sqlite" }, "--storage: 'sqlite' is not one of postgres, azure.")]
    [InlineData(new[] { "load", "storage", "--writes", "5", "--grains", "10" }, "--grains (10) must not exceed --writes (5).")]
    [InlineData(new[] { "load", "storage", "--grains", "300000" }, "--grains (300000) must not exceed --writes (200000).")]
    [InlineData(new[] { "load", "storage", "--payload", "-1" }, "--payload: '-1' is not a number from 1 to 1048576.")]
    [InlineData(new[] { "load", "train", "--exploration", "1.5" }, "--exploration: '1.5' is not a number from 0 to 1.")]
    [InlineData(new[] { "load", "experiment-floor", "--members", "3" }, "--members: '3' is not a number from 4 to 4000000.")]
    [InlineData(new[] { "load", "experiment-floor", "--experiment-weeks", "half" }, "--experiment-weeks: 'half' is not a number from 0 to 520.")]
    [InlineData(new[] { "load", "idle-members", "--members", "0" }, "--members: '0' is not a number from 1 to 10000000.")]
    [InlineData(new[] { "load", "idle-members", "--collection-age", "5" }, "--collection-age: '5' is not a number from 12 to 3600.")]
    [InlineData(new[] { "load", "idle-members", "--waves", "11" }, "--waves: '11' is not a number from 1 to 10.")]
    [InlineData(new[] { "load", "largest-state", "--decisions", "501" }, "--decisions: '501' is not a number from 1 to 500.")]
    public async Task ABadOptionExitsNonZeroNamingIt(string[] args, string message)
    {
        var (exitCode, _, error) = await Cli.Run(args);

        Assert.NotEqual(0, exitCode);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TrainingOnALogTooSmallToTrainOnSaysWhy()
    {
        var (exitCode, _, error) = await Cli.Run("load", "train", "--member-weeks", "80");

        Assert.Equal(1, exitCode);
        Assert.Contains("load train: Only 10 of 80 planned weeks were explored", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASmallStorageRunReportsItsWriteRateAgainstTheRawRate()
    {
        var (exitCode, output, error) = await Cli.Run("load", "storage", "--writes", "2000", "--grains", "200", "--concurrency", "8", "--payload", "64", "--durability", "normal");

        Assert.True(exitCode == 0, error);
        Assert.Contains("2,000 writes over 200 grains, 8 concurrent", output, StringComparison.Ordinal);
        Assert.Matches(@"grain writes / s\s*│\s*[\d,]+", output);
        Assert.Matches(@"ratio to raw\s*│\s*\d+ ?%", output);
        Assert.Matches("target met|TARGET MISSED", output);
    }
}
