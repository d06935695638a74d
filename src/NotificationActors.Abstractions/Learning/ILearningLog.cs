namespace NotificationActors.Abstractions.Learning;

/// <summary>The store of member-week records (a SQLite table in the embedded deployment).</summary>
public interface ILearningLog
{
    /// <summary>Appends a record; a second record for the same member and week is ignored, so retries are safe.</summary>
    Task AppendAsync(MemberWeekRecord record, CancellationToken cancellationToken = default);

    /// <summary>Deletes every record of the member; returns how many there were.</summary>
    Task<int> ForgetMemberAsync(string memberId, CancellationToken cancellationToken = default);

    /// <summary>Records whose week is in [fromWeek, toWeek] ("2026-W48"; null means unbounded), in member and week order.</summary>
    IAsyncEnumerable<MemberWeekRecord> ReadAsync(string? fromWeek = null, string? toWeek = null, CancellationToken cancellationToken = default);
}
