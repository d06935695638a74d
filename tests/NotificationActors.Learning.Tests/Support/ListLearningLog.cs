using System.Runtime.CompilerServices;
using NotificationActors.Abstractions.Learning;

namespace NotificationActors.Learning.Tests.Support;

/// <summary>
/// A learning log over records in member then week order (a list, or a generator enumerated afresh on every read),
/// for feeding synthetic records to training and evaluation; the stores have their own suites.
/// </summary>
internal sealed class ListLearningLog(IEnumerable<MemberWeekRecord> records) : ILearningLog
{
    public Task AppendAsync(MemberWeekRecord record, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<int> ForgetMemberAsync(string memberId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public async IAsyncEnumerable<MemberWeekRecord> ReadAsync(string? fromWeek = null, string? toWeek = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var record in records)
        {
            if ((fromWeek is null || string.CompareOrdinal(record.Week, fromWeek) >= 0) && (toWeek is null || string.CompareOrdinal(record.Week, toWeek) <= 0))
            {
                yield return record;
            }
        }

        await Task.CompletedTask;
    }
}
