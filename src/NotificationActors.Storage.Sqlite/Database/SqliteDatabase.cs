using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace NotificationActors.Storage.Sqlite.Database;

/// <summary>
/// One SQLite file in WAL mode: a single writer connection that commits queued writes in groups (many grains'
/// writes in one transaction, each caller released only after the commit), and pooled reader connections that
/// never wait behind a batch (WAL readers see the last commit while the writer works).
/// </summary>
internal sealed class SqliteDatabase : IAsyncDisposable
{
    // Idle prepared readers kept; more than this at once (a burst of activations) are opened and closed.
    private const int MaxIdleReadSessions = 16;

    private readonly ConcurrentBag<ReadSession> _readSessions = [];
    private readonly Channel<WriteRequest> _queue = Channel.CreateUnbounded<WriteRequest>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SqliteConnection _writer;
    private readonly WriteSession _session;
    private readonly string _readConnectionString;
    private readonly int _maxBatchSize;
    private readonly Task _writeLoop;
    private long _transactions;

    private SqliteDatabase(string path, SqliteDurability durability, int maxBatchSize)
    {
        Path = path;
        Durability = durability;
        _maxBatchSize = maxBatchSize;
        var builder = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false };
        _writer = new SqliteConnection(builder.ConnectionString);
        _writer.Open();
        Pragma(_writer, "journal_mode = WAL");
        Pragma(_writer, durability == SqliteDurability.Full ? "synchronous = FULL" : "synchronous = NORMAL");
        Pragma(_writer, "busy_timeout = 30000");

        // Grain writes update rows all over the file; SQLite's default 2 MiB cache would miss on most of them.
        Pragma(_writer, "cache_size = -65536");

        // Pages beyond that cache are read through a memory map of the file's first 2 GiB (SQLite's usual ceiling)
        // instead of a read system call and a copy each: 6% off the experiment's days at 100,000 members. The cost:
        // a disk error while reading a mapped page stops the process (SIGBUS) instead of failing one statement.
        Pragma(_writer, "mmap_size = 2147418112");

        // A batch of updates touches hundreds of pages; checkpointing every 1000 WAL pages (the default) would copy
        // the same hot pages back into the file every other batch. 16384 pages bounds the WAL near 64 MiB.
        Pragma(_writer, "wal_autocheckpoint = 16384");
        SqliteSchema.Apply(_writer);
        _session = new WriteSession(_writer);
        builder.Mode = SqliteOpenMode.ReadWrite;
        builder.Pooling = true;
        _readConnectionString = builder.ConnectionString;
        _writeLoop = Task.Run(WriteLoopAsync);
    }

    /// <summary>Full path of the file.</summary>
    public string Path { get; }

    /// <summary>The durability commits use.</summary>
    public SqliteDurability Durability { get; }

    /// <summary>Write transactions committed so far; fewer than writes when group commit is batching.</summary>
    public long CommittedTransactions => Interlocked.Read(ref _transactions);

    /// <summary>Opens (creating if needed) the file at <paramref name="path"/> and applies the schema.</summary>
    public static SqliteDatabase Open(string path, SqliteDurability durability, int maxBatchSize)
    {
        var directory = System.IO.Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        return new SqliteDatabase(path, durability, maxBatchSize);
    }

    /// <summary>Queues a write; the task completes after the transaction holding it has committed.</summary>
    public Task<T> WriteAsync<T>(Func<WriteSession, T> work)
    {
        var request = new WriteRequest<T>(work);
        if (!_queue.Writer.TryWrite(request))
        {
            throw new ObjectDisposedException(nameof(SqliteDatabase), $"The SQLite file '{Path}' is closed.");
        }

        return request.Task;
    }

    /// <summary>A pooled connection for reads; dispose it to return it.</summary>
    public SqliteConnection OpenReader()
    {
        var connection = new SqliteConnection(_readConnectionString);
        connection.Open();
        return connection;
    }

    /// <summary>Runs <paramref name="read"/> on an idle reader whose statements stay prepared between reads.</summary>
    public T Read<T>(Func<ReadSession, T> read)
    {
        var session = _readSessions.TryTake(out var idle) ? idle : new ReadSession(OpenReader());
        try
        {
            return read(session);
        }
        finally
        {
            if (_readSessions.Count < MaxIdleReadSessions && !_queue.Reader.Completion.IsCompleted)
            {
                _readSessions.Add(session);
            }
            else
            {
                session.Dispose();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writeLoop.ConfigureAwait(false);
        while (_readSessions.TryTake(out var idle))
        {
            idle.Dispose();
        }

        _session.Dispose();
        await _writer.DisposeAsync().ConfigureAwait(false);
        using var pooled = new SqliteConnection(_readConnectionString);
        SqliteConnection.ClearPool(pooled);
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<WriteRequest>(_maxBatchSize);
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < _maxBatchSize && reader.TryRead(out var request))
            {
                batch.Add(request);
            }

            CommitBatch(batch);
            batch.Clear();
        }
    }

    // One transaction for the whole batch. If anything in it fails, the batch is rolled back and each write is
    // retried in a transaction of its own, so a bad write fails only its own caller.
    private void CommitBatch(List<WriteRequest> batch)
    {
        try
        {
            RunInTransaction(batch);
            foreach (var request in batch)
            {
                request.Complete();
            }

            return;
        }
        catch (Exception) when (batch.Count > 1)
        {
            // Fall through to one transaction per write.
        }
        catch (Exception e)
        {
            batch[0].Fail(e);
            return;
        }

        foreach (var request in batch)
        {
            try
            {
                RunInTransaction([request]);
                request.Complete();
            }
            catch (Exception e)
            {
                request.Fail(e);
            }
        }
    }

    private void RunInTransaction(List<WriteRequest> requests)
    {
        using var transaction = _writer.BeginTransaction(deferred: false);
        _session.Transaction = transaction;
        try
        {
            foreach (var request in requests)
            {
                request.Execute(_session);
            }

            transaction.Commit();
            Interlocked.Increment(ref _transactions);
        }
        finally
        {
            _session.Transaction = null;
        }
    }

    private static void Pragma(SqliteConnection connection, string pragma)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {pragma};";
        command.ExecuteNonQuery();
    }
}
