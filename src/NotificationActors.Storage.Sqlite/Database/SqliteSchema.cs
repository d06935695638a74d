using Microsoft.Data.Sqlite;

namespace NotificationActors.Storage.Sqlite.Database;

/// <summary>
/// The file's tables, as an ordered list of migrations tracked in <c>PRAGMA user_version</c>: a new file gets
/// them all, an older one the ones it lacks, and re-running is a no-op. Never edit a shipped migration; append.
/// </summary>
internal static class SqliteSchema
{
    private static readonly string[] Migrations =
    [
        // 1: grain state keyed by service, grain type, grain key and state name. version is the ETag;
        // a cleared state keeps its row with a NULL payload so versions never repeat (no ABA on the ETag).
        // A rowid table with a unique key index, not WITHOUT ROWID: states are kilobytes, and SQLite keeps
        // WITHOUT ROWID rows whole in the key b-tree, which is slow for rows that large.
        """
        CREATE TABLE IF NOT EXISTS grain_state (
            service_id  TEXT    NOT NULL,
            grain_type  TEXT    NOT NULL,
            grain_key   TEXT    NOT NULL,
            state_name  TEXT    NOT NULL,
            version     INTEGER NOT NULL,
            payload     BLOB,
            modified_at TEXT    NOT NULL,
            UNIQUE (service_id, grain_type, grain_key, state_name)
        );

        CREATE TABLE IF NOT EXISTS reminders (
            service_id    TEXT    NOT NULL,
            grain_id      TEXT    NOT NULL,
            reminder_name TEXT    NOT NULL,
            start_at      INTEGER NOT NULL,
            period_ms     INTEGER NOT NULL,
            grain_hash    INTEGER NOT NULL,
            version       INTEGER NOT NULL,
            PRIMARY KEY (service_id, grain_id, reminder_name)
        ) WITHOUT ROWID;

        CREATE INDEX IF NOT EXISTS reminders_by_hash ON reminders (service_id, grain_hash);
        """,

        // 2: the learning log, one JSON record per member-week; the key makes a retried append a no-op.
        """
        CREATE TABLE IF NOT EXISTS learning_log (
            member_id TEXT NOT NULL,
            week      TEXT NOT NULL,
            record    TEXT NOT NULL,
            PRIMARY KEY (member_id, week)
        );

        CREATE INDEX IF NOT EXISTS learning_log_by_week ON learning_log (week);
        """,

        // 3: model versions, one row per file of a version (the ML.NET models and card.json), written together.
        """
        CREATE TABLE IF NOT EXISTS model_files (
            version TEXT NOT NULL,
            name    TEXT NOT NULL,
            content BLOB NOT NULL,
            UNIQUE (version, name)
        );
        """,
    ];

    /// <summary>The schema version this build writes.</summary>
    public static int CurrentVersion => Migrations.Length;

    /// <summary>Applies the missing migrations in one immediate transaction, so concurrent openers apply them once.</summary>
    public static void Apply(SqliteConnection connection)
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        var version = Convert.ToInt32(Scalar(connection, transaction, "PRAGMA user_version;"), System.Globalization.CultureInfo.InvariantCulture);
        if (version > Migrations.Length)
        {
            throw new InvalidOperationException(
                $"The SQLite file '{connection.DataSource}' has schema version {version}, newer than this build's {Migrations.Length}; refusing to touch it.");
        }

        for (var i = version; i < Migrations.Length; i++)
        {
            Scalar(connection, transaction, Migrations[i]);
        }

        Scalar(connection, transaction, $"PRAGMA user_version = {Migrations.Length};");
        transaction.Commit();
    }

    private static object? Scalar(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
