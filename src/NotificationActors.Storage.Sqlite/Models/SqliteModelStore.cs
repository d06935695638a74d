using NotificationActors.Abstractions.Learning;
using NotificationActors.Storage.Sqlite.Database;

namespace NotificationActors.Storage.Sqlite.Models;

/// <summary>
/// Model versions in the embedded SQLite file: a version's files are inserted by one queued write, inside one
/// transaction, after checking the version is new, so a version is all there or not at all.
/// </summary>
internal sealed class SqliteModelStore(SqliteModelStoreOptions options, SqliteDatabaseRegistry registry, bool ownsRegistry) : IModelStoreConnection
{
    private const string ExistsSql = "SELECT EXISTS (SELECT 1 FROM model_files WHERE version = $version);";
    private const string InsertSql = "INSERT INTO model_files (version, name, content) VALUES ($version, $name, $content);";
    private static readonly string[] ExistsParameters = ["$version"];
    private static readonly string[] InsertParameters = ["$version", "$name", "$content"];

    private SqliteDatabase Database => registry.Get(options, "The model store");

    public async Task SaveAsync(string version, IReadOnlyDictionary<string, byte[]> files, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(version);
        ArgumentNullException.ThrowIfNull(files);
        var saved = await Database.WriteAsync(session =>
        {
            var exists = session.Command(ExistsSql, ExistsParameters);
            exists.Parameters[0].Value = version;
            if (Convert.ToInt64(exists.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) != 0)
            {
                return false;
            }

            var insert = session.Command(InsertSql, InsertParameters);
            foreach (var (name, content) in files)
            {
                insert.Parameters[0].Value = version;
                insert.Parameters[1].Value = name;
                insert.Parameters[2].Value = content;
                insert.ExecuteNonQuery();
            }

            return true;
        }).WaitAsync(cancellationToken).ConfigureAwait(false);
        if (!saved)
        {
            throw new ModelVersionExistsException(version);
        }
    }

    public async Task<IReadOnlyDictionary<string, byte[]>?> LoadAsync(string version, CancellationToken cancellationToken = default)
    {
        await using var connection = Database.OpenReader();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name, content FROM model_files WHERE version = $version;";
        command.Parameters.AddWithValue("$version", version);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            files[reader.GetString(0)] = (byte[])reader.GetValue(1);
        }

        return files.Count == 0 ? null : files;
    }

    public async Task<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = Database.OpenReader();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT DISTINCT version FROM model_files ORDER BY version;";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var versions = new List<string>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            versions.Add(reader.GetString(0));
        }

        return versions;
    }

    /// <summary>Closes the file when this store opened it (<see cref="SqliteModelStoreFile"/>).</summary>
    public ValueTask DisposeAsync() => ownsRegistry ? registry.DisposeAsync() : ValueTask.CompletedTask;
}
