using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace NotificationActors.Storage.Postgres.Writing;

/// <summary>
/// The silo's group-commit writer on one database: writes queued by many grains go out together as one
/// <see cref="NpgsqlBatch"/>, which PostgreSQL runs as one implicit transaction (one round trip, one commit), and
/// each caller is released only after that commit. Every write queued while a batch commits goes in the next one.
/// </summary>
internal sealed partial class PostgresWriter : IAsyncDisposable
{
    private readonly Channel<PostgresWrite> _queue;
    private readonly NpgsqlDataSource _dataSource;
    private readonly int _maxBatchSize;
    private readonly ILogger<PostgresWriter> _logger;
    private readonly Task[] _loops;
    private long _transactions;

    public PostgresWriter(IOptions<PostgresStoreOptions> options, PostgresDataSources dataSources, ILogger<PostgresWriter> logger)
    {
        var settings = options.Value;
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.Writers, 1, $"{nameof(PostgresStoreOptions)}.{nameof(PostgresStoreOptions.Writers)}");
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.MaxBatchSize, 1, $"{nameof(PostgresStoreOptions)}.{nameof(PostgresStoreOptions.MaxBatchSize)}");
        _dataSource = dataSources.Get(settings.ConnectionString);
        _maxBatchSize = settings.MaxBatchSize;
        _logger = logger;
        _queue = Channel.CreateUnbounded<PostgresWrite>(new UnboundedChannelOptions { SingleReader = settings.Writers == 1 });
        _loops = Enumerable.Range(0, settings.Writers).Select(_ => Task.Run(WriteLoopAsync)).ToArray();
    }

    /// <summary>Write transactions committed so far; fewer than writes when group commit is batching.</summary>
    public long CommittedTransactions => Interlocked.Read(ref _transactions);

    /// <summary>Queues a write; the task completes after the transaction holding it has committed.</summary>
    public Task<T> WriteAsync<T>(NpgsqlBatchCommand command, Func<NpgsqlDataReader, T> read)
    {
        var write = new PostgresWrite<T>(command, read);
        if (!_queue.Writer.TryWrite(write))
        {
            throw new ObjectDisposedException(nameof(PostgresWriter), "The PostgreSQL writer has stopped with its silo.");
        }

        return write.Task;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_loops).ConfigureAwait(false);
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<PostgresWrite>(_maxBatchSize);
        var reader = _queue.Reader;
        NpgsqlConnection? connection = null;
        try
        {
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (batch.Count < _maxBatchSize && reader.TryRead(out var write))
                {
                    batch.Add(write);
                }

                if (batch.Count > 0)
                {
                    connection = await CommitBatchAsync(connection, batch).ConfigureAwait(false);
                    batch.Clear();
                }
            }
        }
        finally
        {
            if (connection is not null)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    // One transaction for the whole batch. If a statement in it fails, each write is retried in a transaction of
    // its own, so a bad write fails only its own caller. If the server cannot be reached, or the connection breaks,
    // the whole batch fails at once rather than waiting out a connection timeout per write; a broken connection
    // leaves its commit unknown, and a write that had landed meets its own new version on the caller's next try,
    // a conflict that Orleans resolves by re-reading.
    private async Task<NpgsqlConnection?> CommitBatchAsync(NpgsqlConnection? connection, List<PostgresWrite> batch)
    {
        try
        {
            connection = await RunAsync(connection, batch).ConfigureAwait(false);
            foreach (var write in batch)
            {
                write.Complete();
            }

            return connection;
        }
        catch (PostgresException e) when (batch.Count > 1 && !RefusedByServer(e))
        {
            // Only a statement's own error is retried write by write; a server that refuses the connection or ends
            // it fails the whole batch at once below.
            LogBatchFailed(batch.Count, e.Message);
            connection = await Discard(connection).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            foreach (var write in batch)
            {
                write.Fail(e);
            }

            return await Discard(connection).ConfigureAwait(false);
        }

        for (var i = 0; i < batch.Count; i++)
        {
            try
            {
                connection = await RunAsync(connection, [batch[i]]).ConfigureAwait(false);
                batch[i].Complete();
            }
            catch (PostgresException e) when (!RefusedByServer(e))
            {
                batch[i].Fail(e);
                connection = await Discard(connection).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                // The server is out of reach: the rest would each wait for it too.
                foreach (var write in batch.Skip(i))
                {
                    write.Fail(e);
                }

                return await Discard(connection).ConfigureAwait(false);
            }
        }

        return connection;
    }

    // Connection failures (08), refused authorisation (28), insufficient resources such as too many connections or a
    // full disk (53) and a server shutting down or starting (57) would fail every write of the batch alike.
    private static bool RefusedByServer(PostgresException e) => e.SqlState.Length == 5 && e.SqlState[..2] is "08" or "28" or "53" or "57";

    private async Task<NpgsqlConnection> RunAsync(NpgsqlConnection? connection, List<PostgresWrite> writes)
    {
        connection ??= await _dataSource.OpenConnectionAsync().ConfigureAwait(false);
        await using var batch = new NpgsqlBatch(connection);
        foreach (var write in writes)
        {
            batch.BatchCommands.Add(write.Command);
        }

        try
        {
            // The reader's end is PostgreSQL's ReadyForQuery, sent after the implicit transaction has committed.
            await using var reader = await batch.ExecuteReaderAsync().ConfigureAwait(false);
            foreach (var write in writes)
            {
                if (!await reader.ReadAsync().ConfigureAwait(false))
                {
                    throw new InvalidOperationException($"A queued PostgreSQL write returned no row: {write.Command.CommandText}");
                }

                write.Read(reader);
                await reader.NextResultAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            // The commands go back to their writes, free to join a retry's batch.
            batch.BatchCommands.Clear();
        }

        Interlocked.Increment(ref _transactions);
        return connection;
    }

    // A connection that failed mid-batch may be in any state; the next batch opens a fresh one from the pool.
    private static async Task<NpgsqlConnection?> Discard(NpgsqlConnection? connection)
    {
        if (connection is not null && connection.FullState != System.Data.ConnectionState.Open)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            return null;
        }

        return connection;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A statement in a PostgreSQL write batch of {Count} failed ({Error}); retrying each write alone")]
    private partial void LogBatchFailed(int count, string error);
}
