namespace NotificationActors.Silo.Clock;

/// <summary>Counts reminder ticks being delivered to grains, so advancing the simulated clock can wait for them.</summary>
internal sealed class ReminderDeliveries : IIncomingGrainCallFilter
{
    private int _inFlight;

    public int InFlight => Volatile.Read(ref _inFlight);

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.InterfaceMethod?.Name != nameof(IRemindable.ReceiveReminder))
        {
            await context.Invoke();
            return;
        }

        Interlocked.Increment(ref _inFlight);
        try
        {
            await context.Invoke();
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }
}
