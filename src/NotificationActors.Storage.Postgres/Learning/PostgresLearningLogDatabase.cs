using Microsoft.Extensions.Options;
using NotificationActors.Abstractions.Learning;

namespace NotificationActors.Storage.Postgres.Learning;

/// <summary>Opens the learning log of a PostgreSQL database outside a silo (for offline jobs such as training).</summary>
public static class PostgresLearningLogDatabase
{
    /// <summary>The learning log in the database; the schema is applied first, as a silo would at start.</summary>
    public static async Task<ILearningLogConnection> OpenAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        var dataSources = await PostgresDatabase.OpenAsync(connectionString, cancellationToken).ConfigureAwait(false);
        return new PostgresLearningLog(Options.Create(new PostgresStoreOptions { ConnectionString = connectionString }), dataSources, ownsDataSources: true);
    }
}
