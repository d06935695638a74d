using NotificationActors.Storage.TestSuites;

namespace NotificationActors.Storage.Postgres.Tests;

/// <summary>
/// The pooled data sources the grain storage, reminder table and writer share: a pooled connection goes back to the
/// next caller without Npgsql's session reset (seven statements before each reuse) unless the connection string asks
/// for the reset.
/// </summary>
public sealed class PostgresDataSourcesTests
{
    [Theory]
    [InlineData("", "kept")]
    [InlineData(";No Reset On Close=false", "")]
    public async Task APooledConnectionIsResetOnlyWhenTheConnectionStringAsks(string setting, string nextCallerSees)
    {
        // One connection in the pool, so the second caller gets the session the first left behind.
        var connectionString = await PostgresServer.CreateDatabaseAsync("sources") + ";Maximum Pool Size=1" + setting;
        await using var sources = new PostgresDataSources();
        var source = sources.Get(connectionString);

        await using (var first = source.CreateCommand("SET application_name = 'kept';"))
        {
            await first.ExecuteNonQueryAsync();
        }

        await using var second = source.CreateCommand("SHOW application_name;");
        Assert.Equal(nextCallerSees, await second.ExecuteScalarAsync());
    }
}
