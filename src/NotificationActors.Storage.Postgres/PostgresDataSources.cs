using System.Collections.Concurrent;
using Npgsql;

namespace NotificationActors.Storage.Postgres;

/// <summary>One pooled Npgsql data source per connection string, shared by the project's own PostgreSQL code.</summary>
internal sealed class PostgresDataSources : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<NpgsqlDataSource>> _sources = new(StringComparer.Ordinal);

    public NpgsqlDataSource Get(string connectionString) =>
        _sources.GetOrAdd(connectionString, cs => new Lazy<NpgsqlDataSource>(() => NpgsqlDataSource.Create(cs))).Value;

    public async ValueTask DisposeAsync()
    {
        foreach (var source in _sources.Values.Where(s => s.IsValueCreated))
        {
            await source.Value.DisposeAsync().ConfigureAwait(false);
        }
    }
}
