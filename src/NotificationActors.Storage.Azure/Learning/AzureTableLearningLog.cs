using System.Runtime.CompilerServices;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using NotificationActors.Abstractions.Learning;

namespace NotificationActors.Storage.Azure.Learning;

/// <summary>
/// The learning log as an Azure table: partition key the member, row key the ISO week, so a member's history is
/// one partition and the service returns rows in member then week order. The record is JSON, split over string
/// properties because one holds at most 32K characters.
/// </summary>
internal sealed class AzureTableLearningLog(TableClient table) : ILearningLogConnection
{
    private const int ChunkChars = 30_000;

    // An entity holds at most 1 MiB, UTF-16 strings included, so a record gets at most this many chunks.
    private const int MaxChunks = 15;

    private const string ChunksProperty = "Chunks";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private volatile bool _tableExists;

    public async Task AppendAsync(MemberWeekRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        var json = JsonSerializer.Serialize(record, Json);
        var chunks = (json.Length + ChunkChars - 1) / ChunkChars;
        if (chunks > MaxChunks)
        {
            throw new InvalidOperationException(
                $"The learning-log record of {record.MemberId} for {record.Week} is {json.Length:N0} characters of JSON; an Azure table entity holds at most {MaxChunks * ChunkChars:N0}.");
        }

        var entity = new TableEntity(record.MemberId, record.Week) { [ChunksProperty] = chunks };
        for (var i = 0; i < chunks; i++)
        {
            entity[ChunkName(i)] = json.Substring(i * ChunkChars, Math.Min(ChunkChars, json.Length - i * ChunkChars));
        }

        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // The member's week is already logged: a retried append keeps the first record.
        }
    }

    public async Task<int> ForgetMemberAsync(string memberId, CancellationToken cancellationToken = default)
    {
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        var removed = 0;
        var rows = table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {memberId}"), select: ["RowKey"], cancellationToken: cancellationToken);
        await foreach (var row in rows.ConfigureAwait(false))
        {
            // A row deleted concurrently answers 404 without throwing and is not counted twice.
            using var response = await table.DeleteEntityAsync(memberId, row.RowKey, ETag.All, cancellationToken).ConfigureAwait(false);
            if (response.Status == 204) removed++;
        }

        return removed;
    }

    public async IAsyncEnumerable<MemberWeekRecord> ReadAsync(string? fromWeek = null, string? toWeek = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        var filter = TableClient.CreateQueryFilter($"RowKey ge {fromWeek ?? ""} and RowKey le {toWeek ?? "\uffff"}");
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var chunks = entity.GetInt32(ChunksProperty)
                ?? throw new InvalidDataException($"The learning-log row {entity.PartitionKey}/{entity.RowKey} has no {ChunksProperty} property.");
            var json = string.Concat(Enumerable.Range(0, chunks).Select(i => entity.GetString(ChunkName(i))));
            yield return JsonSerializer.Deserialize<MemberWeekRecord>(json, Json)
                ?? throw new InvalidDataException($"The learning-log row {entity.PartitionKey}/{entity.RowKey} holds JSON null.");
        }
    }

    private static string ChunkName(int index) => $"Record{index}";

    private async Task EnsureTableAsync(CancellationToken cancellationToken)
    {
        // Creating an existing table is harmless, so racing first calls need no lock.
        if (_tableExists) return;
        await table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        _tableExists = true;
    }

    /// <summary>Nothing to close: a table client holds no connection between requests.</summary>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
