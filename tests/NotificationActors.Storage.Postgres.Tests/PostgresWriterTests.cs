using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using NotificationActors.Storage.Postgres.Writing;
using NotificationActors.Storage.TestSuites;

namespace NotificationActors.Storage.Postgres.Tests;

/// <summary>The group-commit writer on a table of its own: batching, a bad write in a batch, durability of an acknowledgement.</summary>
public sealed class PostgresWriterTests : IAsyncLifetime
{
    private const string InsertSql = "INSERT INTO writes (id) VALUES ($1) RETURNING id;";

    // Held by the test, this lock stalls the writer's first batch so that the writes queued meanwhile form one batch.
    private const long StallLock = 26;

    private readonly PostgresDataSources _dataSources = new();
    private string _connectionString = "";
    private PostgresWriter? _writer;

    private PostgresWriter Writer => _writer!;

    public async Task InitializeAsync()
    {
        _connectionString = await PostgresServer.CreateDatabaseAsync("writer");
        await using var create = _dataSources.Get(_connectionString).CreateCommand("CREATE TABLE writes (id integer PRIMARY KEY);");
        await create.ExecuteNonQueryAsync();
        var options = Options.Create(new PostgresStoreOptions { ConnectionString = _connectionString, Writers = 1 });
        _writer = new PostgresWriter(options, _dataSources, NullLogger<PostgresWriter>.Instance);
    }

    public async Task DisposeAsync()
    {
        await Writer.DisposeAsync();
        await _dataSources.DisposeAsync();
    }

    private Task<int> Insert(int id)
    {
        var command = new NpgsqlBatchCommand(InsertSql);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = id });
        return Writer.WriteAsync(command, reader => reader.GetInt32(0));
    }

    // Runs the writes while the writer is stalled on its first batch, so they queue up behind it.
    private async Task<Task<int>[]> QueuedBehindAStall(Func<Task<int>[]> queue)
    {
        await using var holder = await _dataSources.Get(_connectionString).OpenConnectionAsync();
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({StallLock});", holder))
        {
            await take.ExecuteNonQueryAsync();
        }

        var stall = new NpgsqlBatchCommand($"SELECT pg_advisory_xact_lock({StallLock});");
        var stalled = Writer.WriteAsync(stall, _ => 0);
        await WaitUntilWaitingOnTheLock();
        var writes = queue();
        await using (var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({StallLock});", holder))
        {
            await release.ExecuteNonQueryAsync();
        }

        await stalled;
        return writes;
    }

    private async Task WaitUntilWaitingOnTheLock()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var probe = _dataSources.Get(_connectionString).CreateCommand(
            $"SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = {StallLock} AND NOT granted;");
        while ((long)(await probe.ExecuteScalarAsync(deadline.Token))! == 0)
        {
            await Task.Yield();
        }
    }

    [Fact]
    public async Task ManyConcurrentWritesShareFewerCommitsThanWrites()
    {
        var before = Writer.CommittedTransactions;

        var writes = await QueuedBehindAStall(() => Enumerable.Range(1, 100).Select(Insert).ToArray());
        var ids = await Task.WhenAll(writes);

        Assert.Equal(Enumerable.Range(1, 100), ids);
        Assert.True(Writer.CommittedTransactions - before <= 3, $"{Writer.CommittedTransactions - before} commits for 101 writes");
    }

    [Fact]
    public async Task AWriteThatFailsInsideABatchFailsOnlyItsCaller()
    {
        await Insert(1000);

        // The duplicate key fails its statement, which rolls back the whole batch; the others are retried alone.
        var writes = await QueuedBehindAStall(() => [Insert(1001), Insert(1002), Insert(1000), Insert(1003)]);

        await Assert.ThrowsAsync<PostgresException>(() => writes[2]);
        var landed = await Task.WhenAll(writes[0], writes[1], writes[3]);
        Assert.Equal([1001, 1002, 1003], landed);
        await using var count = _dataSources.Get(_connectionString).CreateCommand("SELECT count(*) FROM writes WHERE id BETWEEN 1000 AND 1003;");
        Assert.Equal(4L, await count.ExecuteScalarAsync());
    }

    [Fact]
    public async Task AnAcknowledgedWriteIsReadableFromAFreshConnection()
    {
        await Insert(2000);

        await using var fresh = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_connectionString) { Pooling = false }.ConnectionString);
        await fresh.OpenAsync();
        await using var read = new NpgsqlCommand("SELECT count(*) FROM writes WHERE id = 2000;", fresh);
        Assert.Equal(1L, await read.ExecuteScalarAsync());
    }
}
