using Microsoft.Data.Sqlite;
using NotificationActors.Storage;
using NotificationActors.Storage.Sqlite.Hosting;

namespace NotificationActors.Lab.Load.Members;

/// <summary>
/// What the silo's SQLite file holds for members, read beside the running silo on a read-only connection (a WAL
/// reader sees the last commit): rows and reminders by member id prefix, and a member's stored state's length.
/// </summary>
internal sealed class MemberStoreFile(StorageLocation location) : IDisposable
{
    private readonly SqliteConnection _connection = Open(SqliteDeployment.FileOf(location));

    /// <summary>
    /// Rows of members whose id starts with <paramref name="prefix"/>: those holding a state, and those cleared (a
    /// forgotten member's row stays, with no state, so its version never repeats).
    /// </summary>
    public (long Stored, long Cleared) Rows(string prefix)
    {
        using var command = Command("SELECT count(payload), count(*) - count(payload) FROM grain_state WHERE substr(grain_key, 1, length($value)) = $value;", prefix);
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <summary>Reminders of members whose id starts with <paramref name="prefix"/>.</summary>
    public long Reminders(string prefix)
    {
        // The reminder table names a grain by its id's text, "type/key".
        using var command = Command("SELECT count(*) FROM reminders WHERE substr(grain_id, instr(grain_id, '/') + 1, length($value)) = $value;", prefix);
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>Bytes of the member's stored state; 0 when it has none.</summary>
    public long StateBytes(string memberId)
    {
        using var command = Command("SELECT length(payload) FROM grain_state WHERE grain_key = $value;", memberId);
        return command.ExecuteScalar() is long bytes ? bytes : 0;
    }

    public void Dispose() => _connection.Dispose();

    private static SqliteConnection Open(string file)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ConnectionString);
        connection.Open();
        return connection;
    }

    private SqliteCommand Command(string sql, string value)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$value", value);
        return command;
    }
}
