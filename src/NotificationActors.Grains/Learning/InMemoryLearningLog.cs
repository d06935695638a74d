using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using NotificationActors.Abstractions.Learning;

namespace NotificationActors.Grains.Learning;

/// <summary>The learning log of a silo run with <c>--storage memory</c>: lost with the process, like the grain state.</summary>
/// <param name="keep">Which records to keep (all by default): a reader that needs only some keeps memory to those.</param>
public sealed class InMemoryLearningLog(Func<MemberWeekRecord, bool>? keep = null) : ILearningLog
{
    private readonly ConcurrentDictionary<(string Member, string Week), MemberWeekRecord> _records = new();

    public Task AppendAsync(MemberWeekRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (keep is null || keep(record))
        {
            _records.TryAdd((record.MemberId, record.Week), record);
        }

        return Task.CompletedTask;
    }

    /// <summary>Drops week <paramref name="week"/>'s records (a reader done with them frees their memory); returns how many.</summary>
    public int ForgetWeek(string week) => _records.Keys.Where(k => k.Week == week).Count(k => _records.TryRemove(k, out _));

    public Task<int> ForgetMemberAsync(string memberId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_records.Keys.Where(k => k.Member == memberId).Count(k => _records.TryRemove(k, out _)));

    public async IAsyncEnumerable<MemberWeekRecord> ReadAsync(string? fromWeek = null, string? toWeek = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.CompletedTask;
        foreach (var record in _records.Values
            .Where(r => (fromWeek is null || string.CompareOrdinal(r.Week, fromWeek) >= 0) && (toWeek is null || string.CompareOrdinal(r.Week, toWeek) <= 0))
            .OrderBy(r => r.MemberId, StringComparer.Ordinal).ThenBy(r => r.Week, StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return record;
        }
    }
}
