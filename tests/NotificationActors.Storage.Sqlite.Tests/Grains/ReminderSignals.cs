using System.Collections.Concurrent;

namespace NotificationActors.Storage.Sqlite.Tests.Grains;

/// <summary>Lets a test await a grain's reminder tick instead of polling or sleeping.</summary>
public static class ReminderSignals
{
    private static readonly ConcurrentDictionary<string, TaskCompletionSource> Ticks = new();

    public static Task Tick(string grainKey) => Source(grainKey).Task;

    public static void Signal(string grainKey) => Source(grainKey).TrySetResult();

    private static TaskCompletionSource Source(string grainKey) =>
        Ticks.GetOrAdd(grainKey, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
}
