namespace NotificationActors.Storage.Sqlite.Tests.Grains;

public sealed class CounterGrain([PersistentState("counter", TestSilo.Store)] IPersistentState<CounterState> state) : Grain, ICounterGrain, IRemindable
{
    public const string ReminderName = "tick";

    public async Task<int> Increment()
    {
        state.State.Value++;
        await state.WriteStateAsync();
        return state.State.Value;
    }

    public Task<int> Value() => Task.FromResult(state.State.Value);

    public Task Deactivate()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public Task StartReminder(TimeSpan due, TimeSpan period) => this.RegisterOrUpdateReminder(ReminderName, due, period);

    public Task<int> Ticks() => Task.FromResult(state.State.Ticks);

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        state.State.Ticks++;
        await state.WriteStateAsync();
        ReminderSignals.Signal(this.GetPrimaryKeyString());
    }
}
