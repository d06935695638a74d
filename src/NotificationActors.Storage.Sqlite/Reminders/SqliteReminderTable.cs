using System.Globalization;
using Microsoft.Data.Sqlite;
using NotificationActors.Storage.Sqlite.Database;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace NotificationActors.Storage.Sqlite.Reminders;

/// <summary>
/// Orleans' reminder table on a SQLite file: rows keyed by service, grain and reminder name, with an integer
/// version as the ETag and the grain's uniform hash indexed for the ring-range reads each silo makes.
/// </summary>
internal sealed class SqliteReminderTable : IReminderTable
{
    private const string Columns = "grain_id, reminder_name, start_at, period_ms, version";

    private const string ByGrainSql = $"SELECT {Columns} FROM reminders WHERE service_id = $service AND grain_id = $grain;";

    private const string ByNameSql = $"SELECT {Columns} FROM reminders WHERE service_id = $service AND grain_id = $grain AND reminder_name = $name;";

    // The ring range (begin, end] wraps past uint.MaxValue when begin >= end.
    private const string InRangeSql = $"SELECT {Columns} FROM reminders WHERE service_id = $service AND grain_hash > $begin AND grain_hash <= $end;";

    private const string WrappedRangeSql = $"SELECT {Columns} FROM reminders WHERE service_id = $service AND (grain_hash > $begin OR grain_hash <= $end);";

    private const string UpsertSql =
        "INSERT INTO reminders (service_id, grain_id, reminder_name, start_at, period_ms, grain_hash, version) "
        + "VALUES ($service, $grain, $name, $start, $period, $hash, 1) "
        + "ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE SET "
        + "start_at = excluded.start_at, period_ms = excluded.period_ms, grain_hash = excluded.grain_hash, version = reminders.version + 1 "
        + "RETURNING version;";

    private const string RemoveSql = "DELETE FROM reminders WHERE service_id = $service AND grain_id = $grain AND reminder_name = $name AND version = $version;";

    private const string ClearSql = "DELETE FROM reminders WHERE service_id = $service;";

    private static readonly string[] UpsertParameters = ["$service", "$grain", "$name", "$start", "$period", "$hash"];
    private static readonly string[] RemoveParameters = ["$service", "$grain", "$name", "$version"];
    private static readonly string[] ClearParameters = ["$service"];

    private readonly SqliteReminderTableOptions _options;
    private readonly string _serviceId;
    private readonly SqliteDatabaseRegistry _registry;
    private SqliteDatabase? _database;

    public SqliteReminderTable(IOptions<SqliteReminderTableOptions> options, IOptions<ClusterOptions> cluster, SqliteDatabaseRegistry registry)
    {
        _options = options.Value;
        _serviceId = cluster.Value.ServiceId;
        _registry = registry;
    }

    private SqliteDatabase Database => _database ??= _registry.Get(_options, "The reminder table");

    public Task Init()
    {
        _ = Database;
        return Task.CompletedTask;
    }

    public Task<ReminderTableData> ReadRows(GrainId grainId) =>
        QueryAsync(ByGrainSql, p => p.AddWithValue("$grain", grainId.ToString()));

    public Task<ReminderTableData> ReadRows(uint begin, uint end) =>
        QueryAsync(begin < end ? InRangeSql : WrappedRangeSql, p =>
        {
            p.AddWithValue("$begin", (long)begin);
            p.AddWithValue("$end", (long)end);
        });

    public async Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName)
    {
        var rows = await QueryAsync(ByNameSql, p =>
        {
            p.AddWithValue("$grain", grainId.ToString());
            p.AddWithValue("$name", reminderName);
        }).ConfigureAwait(false);

        return rows.Reminders.Count == 0 ? null : rows.Reminders[0];
    }

    public Task<string?> UpsertRow(ReminderEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var grain = entry.GrainId.ToString();
        var start = entry.StartAt.ToUniversalTime().Ticks;
        var period = (long)entry.Period.TotalMilliseconds;
        var hash = (long)entry.GrainId.GetUniformHashCode();
        return Database.WriteAsync<string?>(session =>
        {
            var command = session.Command(UpsertSql, UpsertParameters);
            command.Parameters[0].Value = _serviceId;
            command.Parameters[1].Value = grain;
            command.Parameters[2].Value = entry.ReminderName;
            command.Parameters[3].Value = start;
            command.Parameters[4].Value = period;
            command.Parameters[5].Value = hash;
            return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
        });
    }

    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag)
    {
        if (!long.TryParse(eTag, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            return Task.FromResult(false);
        }

        var grain = grainId.ToString();
        return Database.WriteAsync(session =>
        {
            var command = session.Command(RemoveSql, RemoveParameters);
            command.Parameters[0].Value = _serviceId;
            command.Parameters[1].Value = grain;
            command.Parameters[2].Value = reminderName;
            command.Parameters[3].Value = version;
            return command.ExecuteNonQuery() == 1;
        });
    }

    public Task TestOnlyClearTable() =>
        Database.WriteAsync(session =>
        {
            var command = session.Command(ClearSql, ClearParameters);
            command.Parameters[0].Value = _serviceId;
            return command.ExecuteNonQuery();
        });

    private async Task<ReminderTableData> QueryAsync(string sql, Action<SqliteParameterCollection> bind)
    {
        await using var connection = Database.OpenReader();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$service", _serviceId);
        bind(command.Parameters);
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        var entries = new List<ReminderEntry>();
        while (await reader.ReadAsync().ConfigureAwait(false))
        {
            entries.Add(new ReminderEntry
            {
                GrainId = GrainId.Parse(reader.GetString(0), CultureInfo.InvariantCulture),
                ReminderName = reader.GetString(1),
                StartAt = new DateTime(reader.GetInt64(2), DateTimeKind.Utc),
                Period = TimeSpan.FromMilliseconds(reader.GetInt64(3)),
                ETag = reader.GetInt64(4).ToString(CultureInfo.InvariantCulture),
            });
        }

        return new ReminderTableData(entries);
    }
}
