using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using NotificationActors.Storage.Sqlite.Database;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Storage;

namespace NotificationActors.Storage.Sqlite.Storage;

/// <summary>
/// An Orleans grain storage on a SQLite file. The ETag is an integer version: a write or clear whose ETag is not
/// the stored version throws <see cref="InconsistentStateException"/>, as Orleans' own providers do. Writes go
/// through the file's group-commit writer; reads use pooled WAL readers and never wait behind a batch.
/// </summary>
internal sealed partial class SqliteGrainStorage : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    private const string SelectSql =
        "SELECT version, payload FROM grain_state WHERE service_id = $service AND grain_type = $type AND grain_key = $key AND state_name = $name;";

    private const string VersionSql =
        "SELECT version FROM grain_state WHERE service_id = $service AND grain_type = $type AND grain_key = $key AND state_name = $name;";

    private const string InsertSql =
        "INSERT INTO grain_state (service_id, grain_type, grain_key, state_name, version, payload, modified_at) "
        + "VALUES ($service, $type, $key, $name, 1, $payload, $now) ON CONFLICT DO NOTHING;";

    // Writing and clearing both bump the version; clearing keeps the row as a tombstone (NULL payload).
    private const string UpdateSql =
        "UPDATE grain_state SET version = version + 1, payload = $payload, modified_at = $now "
        + "WHERE service_id = $service AND grain_type = $type AND grain_key = $key AND state_name = $name AND version = $version;";

    private static readonly string[] KeyParameters = ["$service", "$type", "$key", "$name"];
    private static readonly string[] InsertParameters = ["$service", "$type", "$key", "$name", "$payload", "$now"];
    private static readonly string[] UpdateParameters = ["$service", "$type", "$key", "$name", "$payload", "$now", "$version"];

    private readonly string _name;
    private readonly SqliteGrainStorageOptions _options;
    private readonly string _serviceId;
    private readonly SqliteDatabaseRegistry _registry;
    private readonly TimeProvider _time;
    private readonly ILogger<SqliteGrainStorage> _logger;
    private SqliteDatabase? _database;

    public SqliteGrainStorage(string name, SqliteGrainStorageOptions options, IOptions<ClusterOptions> cluster, SqliteDatabaseRegistry registry, TimeProvider time, ILogger<SqliteGrainStorage> logger)
    {
        _name = name;
        _options = options;
        _serviceId = cluster.Value.ServiceId;
        _registry = registry;
        _time = time;
        _logger = logger;
    }

    private SqliteDatabase Database => _database ??= _registry.Get(_options, $"Grain storage '{_name}'");

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(OptionFormattingUtilities.Name<SqliteGrainStorage>(_name), _options.InitStage, Init);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = Key(stateName, grainId);
        var (found, version, payload) = Database.Read(session =>
        {
            var select = session.Command(SelectSql, KeyParameters);
            key.Bind(select.Parameters);
            using var reader = select.ExecuteReader();
            return reader.Read() ? (true, reader.GetInt64(0), reader.IsDBNull(1) ? null : (byte[])reader.GetValue(1)) : (false, 0L, (byte[]?)null);
        });
        if (!found)
        {
            grainState.State = Activator.CreateInstance<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
            return Task.CompletedTask;
        }

        grainState.ETag = version.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = payload is not null;
        grainState.State = payload is null ? Activator.CreateInstance<T>() : Deserialize<T>(payload, stateName, grainId);
        return Task.CompletedTask;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        using var activity = SqliteTelemetry.Source.StartActivity("sqlite.write");
        activity?.SetTag("db.system", "sqlite");
        activity?.SetTag("orleans.grain.id", grainId.ToString());
        var payload = WholeArray(_options.GrainStorageSerializer.Serialize(grainState.State));
        var expected = VersionETags.Parse(grainState.ETag, _name, stateName, grainId);
        var key = Key(stateName, grainId);
        var now = Now();
        var outcome = await Database.WriteAsync(session => Write(session, key, expected, payload, now)).ConfigureAwait(false);
        if (outcome.Conflict)
        {
            throw VersionETags.Conflict("write", _name, _serviceId, stateName, grainId, grainState.ETag, outcome.Version);
        }

        grainState.ETag = outcome.Version.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var expected = VersionETags.Parse(grainState.ETag, _name, stateName, grainId);
        var key = Key(stateName, grainId);
        var now = Now();
        var outcome = await Database.WriteAsync(session => Write(session, key, expected, payload: null, now)).ConfigureAwait(false);
        if (outcome.Conflict)
        {
            throw VersionETags.Conflict("clear", _name, _serviceId, stateName, grainId, grainState.ETag, outcome.Version);
        }

        grainState.ETag = outcome.Version == 0 ? null : outcome.Version.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = false;
        grainState.State = Activator.CreateInstance<T>();
    }

    private Task Init(CancellationToken cancellationToken)
    {
        _ = Database;
        LogStarted(_logger, _name, _database!.Path, _options.Durability);
        return Task.CompletedTask;
    }

    // Runs on the single writer inside a batch transaction: everything that can be computed is computed by the
    // caller, so the writer only binds and executes. expected 0 means "no row yet" (a null ETag).
    private static WriteOutcome Write(WriteSession session, StateKey key, long expected, byte[]? payload, string now)
    {
        if (expected == 0)
        {
            if (payload is null)
            {
                // Clearing a state never written is a no-op; clearing one someone else wrote is a conflict.
                var stored = StoredVersion(session, key);
                return new WriteOutcome(stored != 0, stored);
            }

            var insert = session.Command(InsertSql, InsertParameters);
            key.Bind(insert.Parameters);
            insert.Parameters[4].Value = payload;
            insert.Parameters[5].Value = now;
            return insert.ExecuteNonQuery() == 1 ? new WriteOutcome(false, 1) : new WriteOutcome(true, StoredVersion(session, key));
        }

        var update = session.Command(UpdateSql, UpdateParameters);
        key.Bind(update.Parameters);
        update.Parameters[4].Value = (object?)payload ?? DBNull.Value;
        update.Parameters[5].Value = now;
        update.Parameters[6].Value = expected;
        return update.ExecuteNonQuery() == 1 ? new WriteOutcome(false, expected + 1) : new WriteOutcome(true, StoredVersion(session, key));
    }

    private static long StoredVersion(WriteSession session, StateKey key)
    {
        var select = session.Command(VersionSql, KeyParameters);
        key.Bind(select.Parameters);
        return select.ExecuteScalar() is long version ? version : 0;
    }

    private StateKey Key(string stateName, GrainId grainId) => new(_serviceId, grainId.Type.ToString()!, grainId.Key.ToString(), stateName);

    // The serialized bytes as one array, without a copy when the serializer already produced exactly that.
    private static byte[] WholeArray(BinaryData data) =>
        MemoryMarshal.TryGetArray(data.ToMemory(), out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : data.ToArray();

    private string Now() => _time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);

    private T Deserialize<T>(byte[] payload, string stateName, GrainId grainId)
    {
        try
        {
            return _options.GrainStorageSerializer.Deserialize<T>(new BinaryData(payload)) ?? Activator.CreateInstance<T>();
        }
        catch (Exception e)
        {
            // Failing the read fails the activation, so the unreadable row is never overwritten.
            throw new SqliteStorageException(
                $"The stored state '{stateName}' of grain {grainId} cannot be deserialised as {typeof(T).FullName} from grain storage '{_name}' ({Database.Path}): {e.Message}",
                e);
        }
    }

    private readonly record struct WriteOutcome(bool Conflict, long Version);

    // A row's key; its parameters come first, in this order, in every statement that names the row.
    private sealed record StateKey(string ServiceId, string GrainType, string GrainKey, string StateName)
    {
        public void Bind(SqliteParameterCollection parameters)
        {
            parameters[0].Value = ServiceId;
            parameters[1].Value = GrainType;
            parameters[2].Value = GrainKey;
            parameters[3].Value = StateName;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "SQLite grain storage '{Name}' on {Path} ({Durability} durability)")]
    private static partial void LogStarted(ILogger logger, string name, string path, SqliteDurability durability);
}
