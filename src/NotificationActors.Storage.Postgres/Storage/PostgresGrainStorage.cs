using System.Globalization;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using NotificationActors.Storage.Postgres.Writing;
using Orleans.Configuration;
using Orleans.Storage;

namespace NotificationActors.Storage.Postgres.Storage;

/// <summary>
/// An Orleans grain storage on PostgreSQL (table grain_state). The ETag is an integer version: a write or clear
/// whose ETag is not the stored version throws <see cref="InconsistentStateException"/>, as Orleans' own providers
/// do. Writes go through the silo's group-commit writer, each one statement whose row says whether it landed and
/// at which version; reads are one SELECT on a pooled connection. A state that Orleans' ADO.NET storage wrote
/// before the upgrade (orleans_grain_state, see Schema/004-grain-state.sql) is read from there until its next
/// write moves it here.
/// </summary>
internal sealed class PostgresGrainStorage : IGrainStorage
{
    // $1-$4 name the row; $5-$7 the row Orleans' ADO.NET storage would have written ($4 was its grain type column).
    private const string Key = "service_id = $1 AND grain_type = $2 AND grain_key = $3 AND state_name = $4";

    private const string Legacy =
        "SELECT version FROM orleans_grain_state WHERE service_id = $1 AND grain_type = $4 AND grain_key = $7 "
        + "AND grain_id_n0 = $5 AND grain_id_n1 = $6 AND payload IS NOT NULL ORDER BY version DESC LIMIT 1";

    // The version stored before the statement, for a conflict's message; looked up only when nothing was written.
    private const string Outcome =
        $"SELECT written, CASE WHEN written IS NULL THEN COALESCE((SELECT version FROM grain_state WHERE {Key}), ({Legacy}), 0) ELSE 0 END AS stored";

    private const string ReadSql = $"SELECT version, payload FROM grain_state WHERE {Key};";

    private const string ReadWithOldTableSql =
        $"SELECT version, payload FROM grain_state WHERE {Key} "
        + "UNION ALL (SELECT version, payload FROM orleans_grain_state WHERE service_id = $1 AND grain_type = $4 AND grain_key = $7 "
        + $"AND grain_id_n0 = $5 AND grain_id_n1 = $6 AND payload IS NOT NULL AND NOT EXISTS (SELECT 1 FROM grain_state WHERE {Key}) "
        + "ORDER BY version DESC LIMIT 1);";

    // With an ETag ($8): update that version, or else take over the ADO.NET row at that version. Writing and
    // clearing ($9 NULL) both bump the version. Each statement returns the version it wrote (NULL when it wrote
    // nothing) and, when it wrote nothing, the version stored.
    private const string UpdateSql =
        $"WITH updated AS (UPDATE grain_state SET version = version + 1, payload = $9, modified_at = now() WHERE {Key} AND version = $8 RETURNING version), "
        + "adopted AS (INSERT INTO grain_state (service_id, grain_type, grain_key, state_name, version, payload) "
        + "SELECT $1, $2, $3, $4, $8 + 1, $9 WHERE NOT EXISTS (SELECT 1 FROM updated) "
        + $"AND NOT EXISTS (SELECT 1 FROM grain_state WHERE {Key}) AND ({Legacy}) = $8 "
        + "ON CONFLICT DO NOTHING RETURNING version) "
        + $"{Outcome} FROM (SELECT COALESCE((SELECT version FROM updated), (SELECT version FROM adopted)) AS written) AS w;";

    // Without an ETag: a first write, refused where a row already exists (with the old table in use, there too).
    private const string InsertSql =
        "WITH inserted AS (INSERT INTO grain_state (service_id, grain_type, grain_key, state_name, version, payload) "
        + "SELECT $1, $2, $3, $4, 1, $9 ON CONFLICT DO NOTHING RETURNING version) "
        + $"{Outcome} FROM (SELECT (SELECT version FROM inserted) AS written) AS w;";

    private const string InsertWithOldTableSql =
        "WITH inserted AS (INSERT INTO grain_state (service_id, grain_type, grain_key, state_name, version, payload) "
        + $"SELECT $1, $2, $3, $4, 1, $9 WHERE NOT EXISTS ({Legacy}) ON CONFLICT DO NOTHING RETURNING version) "
        + $"{Outcome} FROM (SELECT (SELECT version FROM inserted) AS written) AS w;";

    // Only Orleans' ADO.NET storage, which this one replaced, wrote the old table: a service that holds no state
    // there when a silo first reads holds none later, and its reads and first writes skip the old table (for a new
    // member, a second index probe and the larger plan were a third of its read's time on the server).
    private const string OldTableInUseSql = "SELECT EXISTS (SELECT 1 FROM orleans_grain_state WHERE service_id = $1 AND payload IS NOT NULL);";

    // Clearing a state never written is a no-op; clearing one someone else wrote is a conflict.
    private const string ClearUnwrittenSql = $"{Outcome} FROM (SELECT NULL::bigint AS written) AS w;";

    private readonly string _name;
    private readonly PostgresGrainStorageOptions _options;
    private readonly string _serviceId;
    private readonly NpgsqlDataSource _dataSource;
    private readonly PostgresWriter _writer;
    private Task<bool>? _oldTableInUse;

    public PostgresGrainStorage(string name, PostgresGrainStorageOptions options, IOptions<ClusterOptions> cluster, IOptions<PostgresStoreOptions> store, PostgresDataSources dataSources, PostgresWriter writer)
    {
        _name = name;
        _options = options;
        _serviceId = cluster.Value.ServiceId;
        _dataSource = dataSources.Get(store.Value.ConnectionString);
        _writer = writer;
    }

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        long version;
        byte[]? payload;
        await using (var command = _dataSource.CreateCommand(await OldTableInUseAsync().ConfigureAwait(false) ? ReadWithOldTableSql : ReadSql))
        {
            AddKey(command.Parameters, stateName, grainId);
            await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
            if (!await reader.ReadAsync().ConfigureAwait(false))
            {
                grainState.State = Activator.CreateInstance<T>();
                grainState.ETag = null;
                grainState.RecordExists = false;
                return;
            }

            version = reader.GetInt64(0);
            payload = reader.IsDBNull(1) ? null : reader.GetFieldValue<byte[]>(1);
        }

        grainState.ETag = version.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = payload is not null;
        grainState.State = payload is null ? Activator.CreateInstance<T>() : Deserialize<T>(payload, stateName, grainId);
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        using var activity = PostgresTelemetry.Source.StartActivity("postgres.write");
        activity?.SetTag("db.system", "postgresql");
        activity?.SetTag("orleans.grain.id", grainId.ToString());
        var payload = _options.GrainStorageSerializer.Serialize(grainState.State).ToMemory();
        var expected = VersionETags.Parse(grainState.ETag, _name, stateName, grainId);
        var sql = expected != 0 ? UpdateSql : await OldTableInUseAsync().ConfigureAwait(false) ? InsertWithOldTableSql : InsertSql;
        var outcome = await WriteAsync(sql, stateName, grainId, expected, payload).ConfigureAwait(false);
        if (outcome.Written is not { } version)
        {
            throw VersionETags.Conflict("write", _name, _serviceId, stateName, grainId, grainState.ETag, outcome.Stored);
        }

        grainState.ETag = version.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var expected = VersionETags.Parse(grainState.ETag, _name, stateName, grainId);
        var outcome = await WriteAsync(expected == 0 ? ClearUnwrittenSql : UpdateSql, stateName, grainId, expected, payload: null).ConfigureAwait(false);
        var version = outcome.Written ?? (expected == 0 && outcome.Stored == 0 ? 0 : throw VersionETags.Conflict("clear", _name, _serviceId, stateName, grainId, grainState.ETag, outcome.Stored));
        grainState.ETag = version == 0 ? null : version.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = false;
        grainState.State = Activator.CreateInstance<T>();
    }

    private async ValueTask<bool> OldTableInUseAsync()
    {
        var check = _oldTableInUse ??= AskAsync();
        try
        {
            return await check.ConfigureAwait(false);
        }
        catch
        {
            // A failed check is asked again by the next read, not kept.
            _ = Interlocked.CompareExchange(ref _oldTableInUse, null, check);
            throw;
        }

        async Task<bool> AskAsync()
        {
            await using var command = _dataSource.CreateCommand(OldTableInUseSql);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = _serviceId });
            return (bool)(await command.ExecuteScalarAsync().ConfigureAwait(false))!;
        }
    }

    private Task<WriteOutcome> WriteAsync(string sql, string stateName, GrainId grainId, long expected, ReadOnlyMemory<byte>? payload)
    {
        var command = new NpgsqlBatchCommand(sql);
        AddKey(command.Parameters, stateName, grainId);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = expected });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bytea, Value = payload is { } bytes ? bytes : DBNull.Value });
        return _writer.WriteAsync(command, static reader => new WriteOutcome(reader.IsDBNull(0) ? null : reader.GetInt64(0), reader.GetInt64(1)));
    }

    // $1-$7: the row's key, then the key Orleans' ADO.NET storage gave the same grain (AdoNetGrainStorage's
    // GrainIdAndExtensionAsString): a Guid or hexadecimal key as numbers plus its extension, else the string key.
    private void AddKey(NpgsqlParameterCollection parameters, string stateName, GrainId grainId)
    {
        long n0 = 0, n1 = 0;
        string? extension;
        if (grainId.TryGetGuidKey(out var guid, out extension))
        {
            Span<byte> bytes = stackalloc byte[16];
            guid.TryWriteBytes(bytes);
            n0 = BitConverter.ToInt64(bytes[..8]);
            n1 = BitConverter.ToInt64(bytes[8..]);
        }
        else if (grainId.TryGetIntegerKey(out var integer, out extension))
        {
            n1 = integer;
        }
        else
        {
            extension = grainId.Key.ToString();
        }

        parameters.Add(new NpgsqlParameter<string> { TypedValue = _serviceId });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = grainId.Type.ToString()! });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = grainId.Key.ToString() });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = stateName });
        parameters.Add(new NpgsqlParameter<long> { TypedValue = n0 });
        parameters.Add(new NpgsqlParameter<long> { TypedValue = n1 });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = extension ?? "" });
    }

    private T Deserialize<T>(byte[] payload, string stateName, GrainId grainId)
    {
        try
        {
            return _options.GrainStorageSerializer.Deserialize<T>(new BinaryData(payload)) ?? Activator.CreateInstance<T>();
        }
        catch (Exception e)
        {
            // Failing the read fails the activation, so the unreadable row is never overwritten.
            throw new PostgresStorageException(
                $"The stored state '{stateName}' of grain {grainId} cannot be deserialised as {typeof(T).FullName} from grain storage '{_name}': {e.Message}",
                e);
        }
    }

    private readonly record struct WriteOutcome(long? Written, long Stored);
}
