namespace NotificationActors.Storage.Sqlite.Storage;

/// <summary>A stored row the SQLite grain storage cannot use; the message names grain, type and store.</summary>
public sealed class SqliteStorageException : Exception
{
    /// <summary>An exception with a message and no cause.</summary>
    public SqliteStorageException()
    {
    }

    /// <summary>An exception with a message.</summary>
    public SqliteStorageException(string message)
        : base(message)
    {
    }

    /// <summary>An exception with a message and its cause.</summary>
    public SqliteStorageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
