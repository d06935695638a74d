using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.Options;
using NotificationActors.Abstractions.Learning;
using NotificationActors.Storage.Sqlite.Database;

namespace NotificationActors.Storage.Sqlite.Learning;

/// <summary>The learning log as a table in the embedded SQLite file, written through the file's group-commit writer.</summary>
internal sealed class SqliteLearningLog(IOptions<SqliteLearningLogOptions> options, SqliteDatabaseRegistry registry, bool ownsRegistry = false) : ILearningLogConnection
{
    private const string InsertSql = "INSERT INTO learning_log (member_id, week, record) VALUES ($member, $week, $record) ON CONFLICT DO NOTHING;";
    private const string DeleteSql = "DELETE FROM learning_log WHERE member_id = $member;";
    private const string ReadSql = "SELECT record FROM learning_log WHERE week >= $from AND week <= $to ORDER BY member_id, week;";

    private static readonly string[] InsertParameters = ["$member", "$week", "$record"];
    private static readonly string[] DeleteParameters = ["$member"];
    private const int ParseBatch = 256;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private SqliteDatabase Database => registry.Get(options.Value, "The learning log");

    public Task AppendAsync(MemberWeekRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        var json = JsonSerializer.Serialize(record, Json);
        return Database.WriteAsync(session =>
        {
            var command = session.Command(InsertSql, InsertParameters);
            command.Parameters[0].Value = record.MemberId;
            command.Parameters[1].Value = record.Week;
            command.Parameters[2].Value = json;
            return command.ExecuteNonQuery();
        }).WaitAsync(cancellationToken);
    }

    public Task<int> ForgetMemberAsync(string memberId, CancellationToken cancellationToken = default) =>
        Database.WriteAsync(session =>
        {
            var command = session.Command(DeleteSql, DeleteParameters);
            command.Parameters[0].Value = memberId;
            return command.ExecuteNonQuery();
        }).WaitAsync(cancellationToken);

    public async IAsyncEnumerable<MemberWeekRecord> ReadAsync(string? fromWeek = null, string? toWeek = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var connection = Database.OpenReader();
        await using var command = connection.CreateCommand();
        command.CommandText = ReadSql;
        command.Parameters.AddWithValue("$from", fromWeek ?? "");
        command.Parameters.AddWithValue("$to", toWeek ?? "\uffff");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);

        // Parsing the JSON costs several times reading it, so batches parse on the thread pool while the reader
        // moves on; the queue hands them back in order, and its bound keeps memory flat on a long log.
        var parsing = new Queue<Task<MemberWeekRecord[]>>();
        var batch = new List<string>(ParseBatch);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            batch.Add(reader.GetString(0));
            if (batch.Count < ParseBatch) continue;
            parsing.Enqueue(ParseAsync(batch));
            batch = new List<string>(ParseBatch);
            while (parsing.Count > 2 * Environment.ProcessorCount)
            {
                foreach (var record in await parsing.Dequeue().ConfigureAwait(false)) yield return record;
            }
        }

        if (batch.Count > 0) parsing.Enqueue(ParseAsync(batch));
        while (parsing.Count > 0)
        {
            foreach (var record in await parsing.Dequeue().ConfigureAwait(false)) yield return record;
        }
    }

    private static Task<MemberWeekRecord[]> ParseAsync(List<string> rows) => Task.Run(() => rows
        .Select(json => JsonSerializer.Deserialize<MemberWeekRecord>(json, Json) ?? throw new InvalidDataException("A learning-log row holds JSON null."))
        .ToArray());

    /// <summary>Closes the file when this log opened it (<see cref="SqliteLearningLogFile"/>); a silo's registry closes with the silo.</summary>
    public ValueTask DisposeAsync() => ownsRegistry ? registry.DisposeAsync() : ValueTask.CompletedTask;
}
