namespace NotificationActors.Silo.Clock;

/// <summary>
/// The <c>--clock simulated</c> clock of members and reminders. It moves forward only, an hour at a time, and after
/// each step waits until the reminder ticks it made due have been delivered, so a caller that advances by a week
/// sees every member replanned. Orleans' own runtime (timeouts, membership) keeps real time.
/// </summary>
internal sealed class SimulatedClock(ReminderDeliveries deliveries, DateTimeOffset start) : IDisposable
{
    private static readonly TimeSpan Step = TimeSpan.FromHours(1);
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan MaxWaitPerStep = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim _advancing = new(1, 1);

    public ManualTimeProvider Time { get; } = new(start);

    public DateTimeOffset Now => Time.GetUtcNow();

    /// <summary>Moves the clock to <paramref name="target"/> (never back) and returns the new time.</summary>
    public async Task<DateTimeOffset> AdvanceToAsync(DateTimeOffset target, CancellationToken cancellationToken)
    {
        await _advancing.WaitAsync(cancellationToken);
        try
        {
            while (Now < target)
            {
                var step = target - Now < Step ? target - Now : Step;
                Time.Advance(step);
                await QuiesceAsync(cancellationToken);
            }

            return Now;
        }
        finally
        {
            _advancing.Release();
        }
    }

    public void Dispose() => _advancing.Dispose();

    // Ticks fire synchronously inside Advance and reach grains asynchronously: wait until two looks in a row
    // find no delivery in flight.
    private async Task QuiesceAsync(CancellationToken cancellationToken)
    {
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(MaxWaitPerStep);
        var quietLooks = 0;
        while (quietLooks < 2)
        {
            await Task.Delay(Settle, bound.Token);
            quietLooks = deliveries.InFlight == 0 ? quietLooks + 1 : 0;
        }
    }
}
