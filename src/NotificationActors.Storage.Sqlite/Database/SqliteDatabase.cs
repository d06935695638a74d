using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Win32.SafeHandles;

namespace NotificationActors.Storage.Sqlite.Database;

/// <summary>
/// One SQLite file in WAL mode: a single writer connection that commits queued writes in groups (many grains'
/// writes in one transaction, each caller released only after the commit), and pooled reader connections that
/// never wait behind a batch (WAL readers see the last commit while the writer works).
/// </summary>
/// <remarks>
/// With <see cref="SqliteDurability.Full"/> the flush to disk is pipelined with the commits: SQLite commits without
/// waiting for the disk (<c>synchronous = NORMAL</c>, which keeps the file consistent whatever happens) and the flush
/// loop then flushes the write-ahead log, releasing the callers of every commit made before the flush began. Full
/// synchronous mode flushed inside each commit, and the single writer waited for the disk (4.9 ms a commit measured
/// here) with every call queued behind it; now the writer commits the next group while the disk flushes the last.
/// </remarks>
internal sealed class SqliteDatabase : IAsyncDisposable
{
    // Idle prepared readers kept; more than this at once (a burst of activations) are opened and closed.
    private const int MaxIdleReadSessions = 16;

    private readonly ConcurrentBag<PreparedCommands> _readSessions = [];
    private readonly Channel<WriteRequest> _queue = Channel.CreateUnbounded<WriteRequest>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SqliteConnection _writer;
    private readonly WriteSession _session;
    private readonly string _readConnectionString;
    private readonly int _maxBatchSize;
    private readonly Task _writeLoop;
    private readonly SafeFileHandle? _log;
    private readonly Channel<List<WriteRequest>>? _committed;
    private readonly Task _flushLoop = Task.CompletedTask;
    private long _transactions;
    private long _flushes;
    private volatile IOException? _flushFailure;
    private volatile bool _disposed;

    private SqliteDatabase(string path, SqliteDurability durability, int maxBatchSize)
    {
        Path = path;
        Durability = durability;
        _maxBatchSize = maxBatchSize;
        var builder = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false };
        _writer = new SqliteConnection(builder.ConnectionString);
        try
        {
            _writer.Open();
            Pragma(_writer, "journal_mode = WAL");
            Pragma(_writer, "synchronous = NORMAL");
            Pragma(_writer, "busy_timeout = 30000");

            // The writer keeps SQLite's default page cache (2 MiB). Each commit trims the cache in a pass over all of it
            // (pcache1TruncateUnsafe): with 64 MiB that pass was 2.7% of a persisted decision's processor time in a
            // profile; the pages it kept are read through the memory map below, or from the log, about as cheaply.

            // Pages beyond the cache are read through a memory map of the file's first 2 GiB (SQLite's usual ceiling)
            // instead of a read system call and a copy each: 6% off the experiment's days at 100,000 members. The cost:
            // a disk error while reading a mapped page stops the process (SIGBUS) instead of failing one statement.
            Pragma(_writer, "mmap_size = 2147418112");

            // A batch of updates touches hundreds of pages; checkpointing every 1000 WAL pages (the default) would copy
            // the same hot pages back into the file every other batch. 16384 pages bounds the WAL near 64 MiB.
            Pragma(_writer, "wal_autocheckpoint = 16384");
            SqliteSchema.Apply(_writer);
            if (durability == SqliteDurability.Full)
            {
                // The schema's transaction created the log; SQLite keeps that file while a connection is open.
                _log = File.OpenHandle(path + "-wal", FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
                _committed = Channel.CreateUnbounded<List<WriteRequest>>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
                _flushLoop = Task.Run(FlushLoopAsync);
            }
        }
        catch
        {
            // A file that cannot be opened as the store leaves no connection behind.
            _writer.Dispose();
            throw;
        }

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

    /// <summary>Flushes of the write-ahead log to disk so far (<see cref="SqliteDurability.Full"/>); each covers every commit before it.</summary>
    public long Flushes => Interlocked.Read(ref _flushes);

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
        if (_flushFailure is { } failure)
        {
            throw failure;
        }

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
    public T Read<T>(Func<PreparedCommands, T> read)
    {
        var session = _readSessions.TryTake(out var idle) ? idle : new PreparedCommands(OpenReader(), ownsConnection: true);
        try
        {
            return read(session);
        }
        finally
        {
            if (_readSessions.Count < MaxIdleReadSessions && !_disposed)
            {
                _readSessions.Add(session);

                // Disposal may have drained the idle sessions meanwhile.
                if (_disposed) DisposeIdleReadSessions();
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
        _committed?.Writer.TryComplete();
        await _flushLoop.ConfigureAwait(false);
        _log?.Dispose();
        _disposed = true;
        DisposeIdleReadSessions();

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
            Release([.. batch]);
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

        var committed = new List<WriteRequest>(batch.Count);
        foreach (var request in batch)
        {
            try
            {
                RunInTransaction([request]);
                committed.Add(request);
            }
            catch (Exception e)
            {
                request.Fail(e);
            }
        }

        Release(committed);
    }

    // Committed writes: their callers are released now, or with Full durability once the log is on disk.
    private void Release(List<WriteRequest> committed)
    {
        if (_committed is not null)
        {
            _committed.Writer.TryWrite(committed);
            return;
        }

        foreach (var request in committed)
        {
            request.Complete();
        }
    }

    // Takes every group committed so far, flushes the log once for all of them and releases their callers; groups
    // committed meanwhile wait for the next flush.
    private async Task FlushLoopAsync()
    {
        var reader = _committed!.Reader;
        var flushing = new List<WriteRequest>();
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (reader.TryRead(out var group))
            {
                flushing.AddRange(group);
            }

            try
            {
                if (_flushFailure is null)
                {
                    RandomAccess.FlushToDisk(_log!);
                    Interlocked.Increment(ref _flushes);
                    foreach (var request in flushing)
                    {
                        request.Complete();
                    }
                }
            }
            catch (Exception e)
            {
                // After a failed flush the kernel may have dropped the log's unwritten pages, and a later flush that
                // succeeds proves nothing about them: the file refuses every write from here on.
                _flushFailure ??= new IOException($"The SQLite file '{Path}' committed writes but could not flush its log to disk, and takes no more writes: {e.Message}", e);
            }

            if (_flushFailure is { } failure)
            {
                foreach (var request in flushing)
                {
                    request.Fail(failure);
                }
            }

            flushing.Clear();
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

    private void DisposeIdleReadSessions()
    {
        while (_readSessions.TryTake(out var idle))
        {
            idle.Dispose();
        }
    }

    private static void Pragma(SqliteConnection connection, string pragma)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {pragma};";
        command.ExecuteNonQuery();
    }
}
