using System.Runtime.CompilerServices;
using NotificationActors.Abstractions.Learning;
using NotificationActors.Simulation.Learning;

namespace NotificationActors.Lab.Load.Learning;

/// <summary>
/// The synthetic world's learning log, generated as it is read (seed 1), so reading it costs generation and
/// streaming alone: the training run's baseline without a store.
/// </summary>
internal sealed class GeneratedLearningLog(int members, int weeks, double exploration) : ILearningLog
{
    public Task AppendAsync(MemberWeekRecord record, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The generated learning log is read-only.");

    public Task<int> ForgetMemberAsync(string memberId, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The generated learning log is read-only.");

    /// <summary>Every week of every member: the training run reads the whole log.</summary>
    public async IAsyncEnumerable<MemberWeekRecord> ReadAsync(string? fromWeek = null, string? toWeek = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var record in SyntheticWorld.Log(members, weeks, exploration, seed: 1))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return record;
        }

        await Task.CompletedTask;
    }
}
