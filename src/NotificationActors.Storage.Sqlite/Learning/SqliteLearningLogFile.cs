using Microsoft.Extensions.Options;
using NotificationActors.Abstractions.Learning;
using NotificationActors.Storage.Sqlite.Database;

namespace NotificationActors.Storage.Sqlite.Learning;

/// <summary>Opens the learning log of a SQLite store file outside a silo (for offline jobs such as training).</summary>
public static class SqliteLearningLogFile
{
    /// <summary>The learning log in <paramref name="dataSource"/>; the file is created with its schema if missing.</summary>
    public static ILearningLogConnection Open(string dataSource)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataSource);
        return new SqliteLearningLog(Options.Create(new SqliteLearningLogOptions { DataSource = dataSource }), new SqliteDatabaseRegistry(), ownsRegistry: true);
    }
}
