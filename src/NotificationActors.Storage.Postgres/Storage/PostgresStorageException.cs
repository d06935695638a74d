namespace NotificationActors.Storage.Postgres.Storage;

/// <summary>A stored row the PostgreSQL grain storage cannot use; the message names grain, state and store.</summary>
public sealed class PostgresStorageException : Exception
{
    /// <summary>An exception with no message.</summary>
    public PostgresStorageException()
    {
    }

    /// <summary>An exception with a message.</summary>
    public PostgresStorageException(string message)
        : base(message)
    {
    }

    /// <summary>An exception with a message and its cause.</summary>
    public PostgresStorageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
