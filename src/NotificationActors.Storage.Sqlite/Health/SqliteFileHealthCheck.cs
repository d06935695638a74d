using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace NotificationActors.Storage.Sqlite.Health;

/// <summary>
/// The embedded store answers: its file opens afresh, read-write, and its schema reads. A fresh connection (unpooled)
/// is the point: the store's own connections keep working on a file that was deleted or replaced, which the silo would
/// not find again after a restart. Written here rather than taken from AspNetCore.HealthChecks.Sqlite, whose newest
/// release (3.1.1) is built on Microsoft.Data.Sqlite 3.1 and opens with the caller's mode, creating a missing file.
/// </summary>
/// <param name="file">The store's file.</param>
internal sealed class SqliteFileHealthCheck(string file) : IHealthCheck
{
    /// <summary>How long the check waits for a lock before it reports the store unreachable (the writer holds one for milliseconds).</summary>
    private const int BusyTimeoutSeconds = 5;

    // ReadWrite without Create: a check must never create an empty store where the real one went missing.
    private readonly string _connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = file,
        Mode = SqliteOpenMode.ReadWrite,
        Pooling = false,
        DefaultTimeout = BusyTimeoutSeconds,
    }.ToString();

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master;";
        await command.ExecuteScalarAsync(cancellationToken);
        return HealthCheckResult.Healthy("The SQLite file opens and reads.");
    }
}
