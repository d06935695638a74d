using Npgsql;

namespace NotificationActors.Storage.Postgres.Writing;

/// <summary>
/// One queued write: a single statement that returns exactly one row (its outcome), sent in a batch with other
/// grains' writes; its caller is released only after the transaction holding it has committed.
/// </summary>
internal abstract class PostgresWrite(NpgsqlBatchCommand command)
{
    public NpgsqlBatchCommand Command { get; } = command;

    /// <summary>Reads the outcome from the statement's row, on which <paramref name="reader"/> stands.</summary>
    public abstract void Read(NpgsqlDataReader reader);

    public abstract void Complete();

    public abstract void Fail(Exception exception);
}

/// <summary>A write whose outcome is a <typeparamref name="T"/>, awaited by its caller.</summary>
internal sealed class PostgresWrite<T>(NpgsqlBatchCommand command, Func<NpgsqlDataReader, T> read) : PostgresWrite(command)
{
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private T _result = default!;

    public Task<T> Task => _completion.Task;

    public override void Read(NpgsqlDataReader reader) => _result = read(reader);

    public override void Complete() => _completion.TrySetResult(_result);

    public override void Fail(Exception exception) => _completion.TrySetException(exception);
}
