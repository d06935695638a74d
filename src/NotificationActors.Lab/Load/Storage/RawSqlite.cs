using Microsoft.Data.Sqlite;
using Spectre.Console;

namespace NotificationActors.Lab.Load.Storage;

/// <summary>The load runs' floor under a store: statements on one SQLite connection, in large transactions.</summary>
internal static class RawSqlite
{
    private const int BatchSize = 512;

    public static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// (Re)creates <paramref name="table"/> as (k INTEGER PRIMARY KEY, payload BLOB) and prepares an insert of one
    /// random payload of <paramref name="payloadBytes"/>; the caller binds the returned key parameter per row.
    /// </summary>
    public static (SqliteCommand Insert, SqliteParameter Key) PayloadTable(SqliteConnection connection, string table, int payloadBytes)
    {
        Execute(connection, $"DROP TABLE IF EXISTS {table}; CREATE TABLE {table} (k INTEGER PRIMARY KEY, payload BLOB NOT NULL);");
        var payload = new byte[payloadBytes];
        Random.Shared.NextBytes(payload);
        var insert = connection.CreateCommand();
        insert.CommandText = $"INSERT INTO {table} (k, payload) VALUES ($k, $payload);";
        var key = insert.Parameters.Add("$k", SqliteType.Integer);
        insert.Parameters.AddWithValue("$payload", payload);
        return (insert, key);
    }

    /// <summary>Runs <paramref name="command"/> <paramref name="rows"/> times, binding row i first, 512 to a transaction.</summary>
    public static void Batched(SqliteConnection connection, SqliteCommand command, long rows, Action<long> bind, ProgressTask? progress = null)
    {
        for (var row = 0L; row < rows;)
        {
            using var transaction = connection.BeginTransaction();
            command.Transaction = transaction;
            for (var end = Math.Min(rows, row + BatchSize); row < end; row++)
            {
                bind(row);
                command.ExecuteNonQuery();
            }

            transaction.Commit();
            if (progress is not null) progress.Value = row;
        }
    }
}
