using System.Collections.Concurrent;

namespace NotificationActors.Storage.Sqlite.Database;

/// <summary>
/// One <see cref="SqliteDatabase"/> per file for the whole silo, so the grain storages and the reminder table on
/// the same file share its single writer instead of contending for SQLite's write lock.
/// </summary>
internal sealed class SqliteDatabaseRegistry : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<SqliteDatabase>> _databases = new(StringComparer.Ordinal);

    /// <summary>The open database for the options' file, opening it on first use.</summary>
    public SqliteDatabase Get(SqliteStoreOptions options, string owner)
    {
        var path = Path.GetFullPath(options.DataSource);
        var database = _databases.GetOrAdd(path, p => new Lazy<SqliteDatabase>(() => SqliteDatabase.Open(p, options.Durability, options.MaxBatchSize))).Value;
        if (database.Durability != options.Durability)
        {
            throw new InvalidOperationException(
                $"{owner} asks for {options.Durability} durability on '{path}', which is already open with {database.Durability}; use one durability per file.");
        }

        return database;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var database in _databases.Values.Where(d => d.IsValueCreated))
        {
            await database.Value.DisposeAsync().ConfigureAwait(false);
        }

        _databases.Clear();
    }
}
