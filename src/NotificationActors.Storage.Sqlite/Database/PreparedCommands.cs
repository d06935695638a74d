using Microsoft.Data.Sqlite;

namespace NotificationActors.Storage.Sqlite.Database;

/// <summary>
/// A connection's commands cached by their SQL text, so each statement is compiled once for the connection's life:
/// Microsoft.Data.Sqlite prepares a new command's SQL on every execution. Kept readers and the writer each hold one.
/// </summary>
internal sealed class PreparedCommands(SqliteConnection connection, bool ownsConnection) : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    /// <summary>The cached command for <paramref name="sql"/>, with its parameters in the order named.</summary>
    public SqliteCommand Command(string sql, params ReadOnlySpan<string> parameterNames)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            foreach (var name in parameterNames)
            {
                command.Parameters.Add(new SqliteParameter { ParameterName = name });
            }

            _commands[sql] = command;
        }

        return command;
    }

    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        if (ownsConnection) connection.Dispose();
    }
}
