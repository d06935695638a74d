using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using NotificationActors.Abstractions.Learning;

namespace NotificationActors.Storage.Postgres.Learning;

/// <summary>The learning log as a PostgreSQL table (jsonb records keyed by member and week).</summary>
internal sealed class PostgresLearningLog(IOptions<PostgresStoreOptions> options, PostgresDataSources dataSources, bool ownsDataSources = false) : ILearningLogConnection
{
    private const string InsertSql = "INSERT INTO learning_log (member_id, week, record) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING;";
    private const string DeleteSql = "DELETE FROM learning_log WHERE member_id = $1;";
    private const string ReadSql = "SELECT record FROM learning_log WHERE week >= $1 AND week <= $2 ORDER BY member_id, week;";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private NpgsqlDataSource DataSource => dataSources.Get(options.Value.ConnectionString);

    public async Task AppendAsync(MemberWeekRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        await using var command = DataSource.CreateCommand(InsertSql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = record.MemberId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = record.Week });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = JsonSerializer.Serialize(record, Json), NpgsqlDbType = NpgsqlDbType.Jsonb });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<int> ForgetMemberAsync(string memberId, CancellationToken cancellationToken = default)
    {
        await using var command = DataSource.CreateCommand(DeleteSql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = memberId });
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async IAsyncEnumerable<MemberWeekRecord> ReadAsync(string? fromWeek = null, string? toWeek = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var command = DataSource.CreateCommand(ReadSql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = fromWeek ?? "" });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = toWeek ?? "\uffff" });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return JsonSerializer.Deserialize<MemberWeekRecord>(reader.GetString(0), Json)
                ?? throw new InvalidDataException("A learning-log row holds JSON null.");
        }
    }

    /// <summary>Closes the connections when this log opened them (<see cref="PostgresLearningLogDatabase"/>); a silo's close with the silo.</summary>
    public ValueTask DisposeAsync() => ownsDataSources ? dataSources.DisposeAsync() : ValueTask.CompletedTask;
}
