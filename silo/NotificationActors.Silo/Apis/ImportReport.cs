namespace NotificationActors.Silo.Apis;

/// <summary>What an import did: counts, and the first rejected lines with their errors.</summary>
internal sealed class ImportReport
{
    private int _accepted;
    private int _duplicates;
    private int _rejected;

    public int Accepted => _accepted;

    /// <summary>Lines whose event id the member had already seen: replays change nothing.</summary>
    public int Duplicates => _duplicates;

    public int Rejected => _rejected;

    public List<RejectedLine> Errors { get; } = [];

    public void Accept() => Interlocked.Increment(ref _accepted);

    public void Duplicate() => Interlocked.Increment(ref _duplicates);

    public void Reject(int line, Dictionary<string, string[]> errors, int keep)
    {
        Interlocked.Increment(ref _rejected);
        lock (Errors)
        {
            if (Errors.Count < keep) Errors.Add(new RejectedLine(line, errors));
        }
    }
}
