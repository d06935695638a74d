using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using NotificationActors.Storage.Sqlite.Database;
using NotificationActors.Storage.Sqlite.Tests.Grains;
using NotificationActors.Storage.TestSuites;
using Orleans.Storage;

namespace NotificationActors.Storage.Sqlite.Tests;

/// <summary>What the SQLite store adds beyond the shared suites: WAL, schema, group commit, bad rows, bad paths.</summary>
public sealed class SqliteStoreTests(SqliteSiloFixture silo) : IClassFixture<SqliteSiloFixture>
{
    private IGrainStorage Storage => silo.Services.GetRequiredKeyedService<IGrainStorage>(TestSilo.Store);

    private SqliteDatabase Database => silo.Get<SqliteDatabaseRegistry>().Get(new Reminders.SqliteReminderTableOptions { DataSource = silo.DataSource }, "test");

    private static GrainId NewGrain() => GrainId.Create("store-test", Guid.NewGuid().ToString("N"));

    private SqliteConnection Raw()
    {
        var connection = new SqliteConnection($"Data Source={silo.DataSource};Pooling=False");
        connection.Open();
        return connection;
    }

    private object? Scalar(string sql)
    {
        using var connection = Raw();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    [Fact]
    public void TheFileIsInWalModeWithTheCurrentSchema()
    {
        Assert.Equal("wal", Scalar("PRAGMA journal_mode;"));
        Assert.Equal((long)SqliteSchema.CurrentVersion, Scalar("PRAGMA user_version;"));
    }

    [Fact]
    public void ApplyingTheSchemaAgainIsANoOp()
    {
        using var connection = Raw();

        SqliteSchema.Apply(connection);
        SqliteSchema.Apply(connection);

        Assert.Equal((long)SqliteSchema.CurrentVersion, Scalar("PRAGMA user_version;"));
    }

    [Fact]
    public async Task ConcurrentWritesFromManyGrainsShareTransactions()
    {
        const int Writes = 400;
        using var writerHeld = new ManualResetEventSlim();

        // The single writer is held inside a transaction while the writes queue (each is queued before its call
        // returns), so how they group does not depend on how the machine schedules the test against the writer.
        var heldWrite = Database.WriteAsync(_ => writerHeld.Wait(Timeout.Bound));
        var before = Database.CommittedTransactions;
        var writes = Enumerable.Range(0, Writes).Select(_ =>
            Storage.WriteStateAsync("s", NewGrain(), new GrainState<SuiteState>(new SuiteState { Counter = 1 }))).ToArray();
        writerHeld.Set();
        Assert.True(await heldWrite);
        await Task.WhenAll(writes);

        // The held transaction commits, then the queued writes in as few batches as the batch size allows.
        var transactions = Database.CommittedTransactions - before - 1;
        Assert.True(transactions < Writes / 2, $"{Writes} concurrent writes took {transactions} transactions");
    }

    [Fact]
    public async Task AWriteIsAcknowledgedOnlyAfterAFlushEndedSinceItWasQueuedAndAFlushCoversCommitsTogether()
    {
        const int Writes = 400;
        var (transactionsBefore, flushesBefore) = (Database.CommittedTransactions, Database.Flushes);

        var flushesSeen = await Task.WhenAll(Enumerable.Range(0, Writes).Select(async i =>
        {
            await Task.Yield();
            var queuedAfter = Database.Flushes;
            await Storage.WriteStateAsync("s", NewGrain(), new GrainState<SuiteState>(new SuiteState { Counter = i }));
            return (QueuedAfter: queuedAfter, AcknowledgedAfter: Database.Flushes);
        }));

        Assert.All(flushesSeen, seen => Assert.True(seen.AcknowledgedAfter > seen.QueuedAfter, $"acknowledged after flush {seen.AcknowledgedAfter}, queued after flush {seen.QueuedAfter}"));
        var (transactions, flushes) = (Database.CommittedTransactions - transactionsBefore, Database.Flushes - flushesBefore);
        Assert.InRange(flushes, 1, transactions);
    }

    [Fact]
    public async Task ReadsDoNotWaitBehindAWriteBatch()
    {
        var grain = NewGrain();
        await Storage.WriteStateAsync("s", grain, new GrainState<SuiteState>(new SuiteState { Counter = 4 }));
        using var writerHeld = new ManualResetEventSlim();

        // Hold the single writer inside a batch transaction, then read.
        var heldWrite = Database.WriteAsync(_ => writerHeld.Wait(Timeout.Bound));
        var state = new GrainState<SuiteState>();
        await Storage.ReadStateAsync("s", grain, state).WaitAsync(Timeout.Token);

        Assert.Equal(4, state.State?.Counter);
        Assert.False(heldWrite.IsCompleted);
        writerHeld.Set();
        Assert.True(await heldWrite);
    }

    [Fact]
    public async Task AnUnreadableRowFailsTheActivationNamingGrainTypeAndStoreAndIsNeverOverwritten()
    {
        var key = "corrupt-" + Guid.NewGuid().ToString("N");
        var grain = silo.Get<IGrainFactory>().GetGrain<ICounterGrain>(key);
        await grain.Increment();
        await grain.Deactivate();
        Scalar($"UPDATE grain_state SET payload = x'00ff00ff' WHERE grain_key = '{key}';");

        var error = await Assert.ThrowsAnyAsync<Exception>(() => grain.Increment());

        var message = error.ToString();
        Assert.Contains(key, message, StringComparison.Ordinal);
        Assert.Contains(typeof(CounterState).FullName!, message, StringComparison.Ordinal);
        Assert.Contains($"grain storage '{TestSilo.Store}'", message, StringComparison.Ordinal);
        Assert.Equal(new byte[] { 0, 0xff, 0, 0xff }, Scalar($"SELECT payload FROM grain_state WHERE grain_key = '{key}';"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("/proc/no-such-place/store.db")]
    public async Task ABadPathStopsTheSiloWithAMessageNamingTheOption(string dataSource)
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => TestSilo.StartAsync(dataSource));

        Assert.Contains("SqliteGrainStorageOptions.DataSource", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADirectoryAsThePathStopsTheSilo()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => TestSilo.StartAsync(Path.GetTempPath()));

        Assert.Contains("is a directory", error.ToString(), StringComparison.Ordinal);
    }
}
