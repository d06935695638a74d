namespace NotificationActors.Storage.TestSuites;

/// <summary>A bound on every awaited call, so a hung silo fails the test instead of the run.</summary>
public static class TestContext
{
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(2);

    public static CancellationToken Current => new CancellationTokenSource(Bound).Token;
}
