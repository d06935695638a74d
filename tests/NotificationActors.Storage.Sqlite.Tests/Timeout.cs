namespace NotificationActors.Storage.Sqlite.Tests;

/// <summary>A bound on awaited calls, so a hang fails a test rather than the run.</summary>
internal static class Timeout
{
    public static readonly TimeSpan Bound = TimeSpan.FromMinutes(2);

    public static CancellationToken Token => new CancellationTokenSource(Bound).Token;
}
