namespace NotificationActors.Storage.Sqlite.Database;

/// <summary>One queued write: runs inside a batch transaction, and its caller is released only after the commit.</summary>
internal abstract class WriteRequest
{
    public abstract void Execute(WriteSession session);

    public abstract void Complete();

    public abstract void Fail(Exception exception);
}

/// <summary>A write producing <typeparamref name="T"/>, awaited by its caller.</summary>
internal sealed class WriteRequest<T>(Func<WriteSession, T> work) : WriteRequest
{
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private T _result = default!;

    public Task<T> Task => _completion.Task;

    public override void Execute(WriteSession session) => _result = work(session);

    public override void Complete() => _completion.TrySetResult(_result);

    public override void Fail(Exception exception) => _completion.TrySetException(exception);
}
