namespace NotificationActors.Storage.Sqlite.Tests.Grains;

/// <summary>A grain with persisted state and a reminder, to exercise the store through Orleans itself.</summary>
public interface ICounterGrain : IGrainWithStringKey
{
    Task<int> Increment();

    Task<int> Value();

    Task Deactivate();

    Task StartReminder(TimeSpan due, TimeSpan period);

    Task<int> Ticks();
}
