using Microsoft.Data.Sqlite;

namespace NotificationActors.Storage.Sqlite.Database;

/// <summary>
/// What a queued write sees: the writer connection inside the open batch transaction, with prepared commands
/// cached by their SQL text so a steady write load compiles each statement once.
/// </summary>
internal sealed class WriteSession : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    public WriteSession(SqliteConnection connection) => _connection = connection;

    public SqliteTransaction? Transaction { get; set; }

    /// <summary>The cached command for <paramref name="sql"/>, bound to the current transaction, parameters cleared of values.</summary>
    public SqliteCommand Command(string sql, params ReadOnlySpan<string> parameterNames)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = _connection.CreateCommand();
            command.CommandText = sql;
            foreach (var name in parameterNames)
            {
                command.Parameters.Add(new SqliteParameter { ParameterName = name });
            }

            _commands[sql] = command;
        }

        command.Transaction = Transaction;
        return command;
    }

    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }
    }
}
