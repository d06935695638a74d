using Microsoft.Extensions.Options;
using Npgsql;
using NotificationActors.Abstractions.Learning;

namespace NotificationActors.Storage.Postgres.Models;

/// <summary>
/// Model versions in PostgreSQL: the version's row and its files are inserted in one transaction, and the row's
/// primary key refuses a second save of the same version, even from a concurrent trainer.
/// </summary>
internal sealed class PostgresModelStore(IOptions<PostgresStoreOptions> options, PostgresDataSources dataSources, bool ownsDataSources) : IModelStoreConnection
{
    private NpgsqlDataSource DataSource => dataSources.Get(options.Value.ConnectionString);

    public async Task SaveAsync(string version, IReadOnlyDictionary<string, byte[]> files, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(version);
        ArgumentNullException.ThrowIfNull(files);
        await using var connection = await DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var claim = new NpgsqlCommand("INSERT INTO model_versions (version) VALUES ($1) ON CONFLICT DO NOTHING;", connection, transaction))
        {
            claim.Parameters.Add(new NpgsqlParameter<string> { TypedValue = version });
            if (await claim.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
            {
                throw new ModelVersionExistsException(version);
            }
        }

        foreach (var (name, content) in files)
        {
            await using var insert = new NpgsqlCommand("INSERT INTO model_files (version, name, content) VALUES ($1, $2, $3);", connection, transaction);
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = version });
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
            insert.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = content });
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyDictionary<string, byte[]>?> LoadAsync(string version, CancellationToken cancellationToken = default)
    {
        await using var command = DataSource.CreateCommand("SELECT name, content FROM model_files WHERE version = $1;");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = version });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            files[reader.GetString(0)] = reader.GetFieldValue<byte[]>(1);
        }

        return files.Count == 0 ? null : files;
    }

    public async Task<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var command = DataSource.CreateCommand("SELECT version FROM model_versions ORDER BY version COLLATE \"C\";");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var versions = new List<string>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            versions.Add(reader.GetString(0));
        }

        return versions;
    }

    /// <summary>Closes the pool when this store opened it (<see cref="PostgresModelStoreDatabase"/>).</summary>
    public ValueTask DisposeAsync() => ownsDataSources ? dataSources.DisposeAsync() : ValueTask.CompletedTask;
}
