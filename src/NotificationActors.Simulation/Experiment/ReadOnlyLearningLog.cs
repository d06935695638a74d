using System.Runtime.CompilerServices;
using NotificationActors.Abstractions.Learning;

namespace NotificationActors.Simulation.Experiment;

/// <summary>
/// The records a retraining reads, already taken from the cluster's learning log week by week, yielded in member
/// then week order as every learning log yields them (training pairs a member's week with the next).
/// </summary>
internal sealed class ReadOnlyLearningLog(IEnumerable<MemberWeekRecord> records) : ILearningLog
{
    private readonly MemberWeekRecord[] _records = [.. records.OrderBy(r => r.MemberId, StringComparer.Ordinal).ThenBy(r => r.Week, StringComparer.Ordinal)];

    public Task AppendAsync(MemberWeekRecord record, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("A training window is read-only; the cluster writes the learning log.");

    public Task<int> ForgetMemberAsync(string memberId, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("A training window is read-only; the cluster writes the learning log.");

    public async IAsyncEnumerable<MemberWeekRecord> ReadAsync(string? fromWeek = null, string? toWeek = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var record in _records)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (string.CompareOrdinal(record.Week, fromWeek ?? "") >= 0 && string.CompareOrdinal(record.Week, toWeek ?? "\uffff") <= 0)
            {
                yield return record;
            }
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }
}
