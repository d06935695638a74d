using Microsoft.Data.Sqlite;

namespace NotificationActors.Storage.Sqlite.Database;

/// <summary>
/// A reader connection kept between reads with its statements prepared: Microsoft.Data.Sqlite prepares a new
/// command's SQL on every execution, and a member's activation reads its row once.
/// </summary>
internal sealed class ReadSession(SqliteConnection connection) : IDisposable
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

        connection.Dispose();
    }
}
