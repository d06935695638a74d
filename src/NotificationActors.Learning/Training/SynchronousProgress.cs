namespace NotificationActors.Learning.Training;

/// <summary>
/// Reports on the reporting thread, in order. <see cref="Progress{T}"/> posts each report to the thread pool, so a
/// progress display can show a stage after the one that followed it.
/// </summary>
public sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    /// <inheritdoc />
    public void Report(T value) => report(value);
}
