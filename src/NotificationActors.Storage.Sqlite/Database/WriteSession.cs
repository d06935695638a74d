using Microsoft.Data.Sqlite;

namespace NotificationActors.Storage.Sqlite.Database;

/// <summary>
/// What a queued write sees: the writer connection inside the open batch transaction, with prepared commands
/// cached by their SQL text so a steady write load compiles each statement once.
/// </summary>
internal sealed class WriteSession(SqliteConnection connection) : IDisposable
{
    private readonly PreparedCommands _commands = new(connection, ownsConnection: false);

    public SqliteTransaction? Transaction { get; set; }

    /// <summary>The cached command for <paramref name="sql"/>, bound to the current transaction, its parameters in the order named.</summary>
    public SqliteCommand Command(string sql, params ReadOnlySpan<string> parameterNames)
    {
        var command = _commands.Command(sql, parameterNames);
        command.Transaction = Transaction;
        return command;
    }

    public void Dispose() => _commands.Dispose();
}
