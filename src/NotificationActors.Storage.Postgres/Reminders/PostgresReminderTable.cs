using System.Globalization;
using Microsoft.Extensions.Options;
using Npgsql;
using NotificationActors.Storage.Postgres.Writing;
using Orleans.Configuration;

namespace NotificationActors.Storage.Postgres.Reminders;

/// <summary>
/// Orleans' reminder table on PostgreSQL (table orleans_reminder, the one Orleans' ADO.NET reminder table used, so an
/// upgrade keeps every reminder and its version): rows keyed by service, grain and reminder name, the integer version
/// as the ETag, the grain's uniform hash as an unsigned number for the ring-range reads each silo makes. Upserts and
/// removals go through the silo's group-commit writer, so a member's first touch commits its reminder with other
/// grains' writes; reads are one SELECT on a pooled connection.
/// </summary>
internal sealed class PostgresReminderTable : IReminderTable
{
    private const string Columns = "grain_id, reminder_name, start_time, period_ms, version";

    private const string ByGrainSql = $"SELECT {Columns} FROM orleans_reminder WHERE service_id = $1 AND grain_id = $2;";

    private const string ByNameSql = $"SELECT {Columns} FROM orleans_reminder WHERE service_id = $1 AND grain_id = $2 AND reminder_name = $3;";

    // The ring range (begin, end] wraps past uint.MaxValue when begin >= end.
    private const string InRangeSql = $"SELECT {Columns} FROM orleans_reminder WHERE service_id = $1 AND grain_hash > $2 AND grain_hash <= $3;";

    private const string WrappedRangeSql = $"SELECT {Columns} FROM orleans_reminder WHERE service_id = $1 AND (grain_hash > $2 OR grain_hash <= $3);";

    private const string UpsertSql =
        "INSERT INTO orleans_reminder AS r (service_id, grain_id, reminder_name, start_time, period_ms, grain_hash, version) "
        + "VALUES ($1, $2, $3, $4, $5, $6, 1) "
        + "ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE SET "
        + "start_time = excluded.start_time, period_ms = excluded.period_ms, grain_hash = excluded.grain_hash, version = r.version + 1 "
        + "RETURNING version;";

    // Every queued write returns one row: here, how many rows went.
    private const string RemoveSql =
        "WITH removed AS (DELETE FROM orleans_reminder WHERE service_id = $1 AND grain_id = $2 AND reminder_name = $3 AND version = $4 RETURNING 1) "
        + "SELECT count(*) FROM removed;";

    private const string ClearSql = "WITH removed AS (DELETE FROM orleans_reminder WHERE service_id = $1 RETURNING 1) SELECT count(*) FROM removed;";

    private readonly string _serviceId;
    private readonly NpgsqlDataSource _dataSource;
    private readonly PostgresWriter _writer;

    public PostgresReminderTable(IOptions<ClusterOptions> cluster, IOptions<PostgresStoreOptions> store, PostgresDataSources dataSources, PostgresWriter writer)
    {
        _serviceId = cluster.Value.ServiceId;
        _dataSource = dataSources.Get(store.Value.ConnectionString);
        _writer = writer;
    }

    public Task<ReminderTableData> ReadRows(GrainId grainId) =>
        QueryAsync(ByGrainSql, p => p.Add(Text(grainId.ToString())));

    public Task<ReminderTableData> ReadRows(uint begin, uint end) =>
        QueryAsync(begin < end ? InRangeSql : WrappedRangeSql, p =>
        {
            p.Add(new NpgsqlParameter<long> { TypedValue = begin });
            p.Add(new NpgsqlParameter<long> { TypedValue = end });
        });

    public async Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName)
    {
        var rows = await QueryAsync(ByNameSql, p =>
        {
            p.Add(Text(grainId.ToString()));
            p.Add(Text(reminderName));
        }).ConfigureAwait(false);

        return rows.Reminders.Count == 0 ? null : rows.Reminders[0];
    }

    public async Task<string?> UpsertRow(ReminderEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var command = new NpgsqlBatchCommand(UpsertSql);
        command.Parameters.Add(Text(_serviceId));
        command.Parameters.Add(Text(entry.GrainId.ToString()));
        command.Parameters.Add(Text(entry.ReminderName));
        command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = entry.StartAt.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = (long)entry.Period.TotalMilliseconds });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = entry.GrainId.GetUniformHashCode() });
        var version = await _writer.WriteAsync(command, static reader => reader.GetInt32(0)).ConfigureAwait(false);
        return version.ToString(CultureInfo.InvariantCulture);
    }

    public async Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag)
    {
        if (!int.TryParse(eTag, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            return false;
        }

        var command = new NpgsqlBatchCommand(RemoveSql);
        command.Parameters.Add(Text(_serviceId));
        command.Parameters.Add(Text(grainId.ToString()));
        command.Parameters.Add(Text(reminderName));
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = version });
        return await _writer.WriteAsync(command, static reader => reader.GetInt64(0) == 1).ConfigureAwait(false);
    }

    public Task TestOnlyClearTable()
    {
        var command = new NpgsqlBatchCommand(ClearSql);
        command.Parameters.Add(Text(_serviceId));
        return _writer.WriteAsync(command, static reader => reader.GetInt64(0));
    }

    private static NpgsqlParameter<string> Text(string value) => new() { TypedValue = value };

    private async Task<ReminderTableData> QueryAsync(string sql, Action<NpgsqlParameterCollection> bind)
    {
        await using var command = _dataSource.CreateCommand(sql);
        command.Parameters.Add(Text(_serviceId));
        bind(command.Parameters);
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        var entries = new List<ReminderEntry>();
        while (await reader.ReadAsync().ConfigureAwait(false))
        {
            entries.Add(new ReminderEntry
            {
                GrainId = GrainId.Parse(reader.GetString(0), CultureInfo.InvariantCulture),
                ReminderName = reader.GetString(1),
                StartAt = reader.GetDateTime(2),
                Period = TimeSpan.FromMilliseconds(reader.GetInt64(3)),
                ETag = reader.GetInt32(4).ToString(CultureInfo.InvariantCulture),
            });
        }

        return new ReminderTableData(entries);
    }
}
