using System.Collections.Concurrent;
using Npgsql;

namespace NotificationActors.Storage.Postgres;

/// <summary>One pooled Npgsql data source per connection string, shared by the project's own PostgreSQL code.</summary>
internal sealed class PostgresDataSources : IAsyncDisposable
{
    // The grain storage and reminder table run a handful of statements over and over: prepared once per
    // connection, each is then bound and executed without being parsed and planned again.
    private const int AutoPreparedStatements = 32;

    private readonly ConcurrentDictionary<string, Lazy<NpgsqlDataSource>> _sources = new(StringComparer.Ordinal);

    public NpgsqlDataSource Get(string connectionString) =>
        _sources.GetOrAdd(connectionString, cs => new Lazy<NpgsqlDataSource>(() => Create(cs))).Value;

    public async ValueTask DisposeAsync()
    {
        foreach (var source in _sources.Values.Where(s => s.IsValueCreated))
        {
            await source.Value.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static NpgsqlDataSource Create(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        // Only where the connection string leaves it unset: 0 given on purpose (as behind PgBouncer) stays.
        if (!HasKey(connectionString, "Max Auto Prepare", "MaxAutoPrepare"))
        {
            builder.ConnectionStringBuilder.MaxAutoPrepare = AutoPreparedStatements;
        }

        // Npgsql resets a pooled connection's session before reusing it: with prepared statements kept, seven
        // statements, one reset for each read of a new member (most of a first touch's statements). The project's
        // statements leave no session state behind (no SET, LISTEN, temporary table or session-level lock), so there
        // is nothing to reset unless the connection string asks for it.
        if (!HasKey(connectionString, "No Reset On Close", "NoResetOnClose"))
        {
            builder.ConnectionStringBuilder.NoResetOnClose = true;
        }

        return builder.Build();
    }

    private static bool HasKey(string connectionString, params ReadOnlySpan<string> spellings)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        foreach (var spelling in spellings)
        {
            if (given.ContainsKey(spelling)) return true;
        }

        return false;
    }
}
