using Microsoft.Extensions.Options;
using NotificationActors.Abstractions.Learning;

namespace NotificationActors.Storage.Postgres.Models;

/// <summary>Opens the model versions of a PostgreSQL database outside a silo (for <c>train</c>, <c>evaluate</c> and <c>run</c>).</summary>
public static class PostgresModelStoreDatabase
{
    /// <summary>The model store in the database; the schema is applied first, as a silo would at start.</summary>
    public static async Task<IModelStoreConnection> OpenAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        var dataSources = await PostgresDatabase.OpenAsync(connectionString, cancellationToken).ConfigureAwait(false);
        return new PostgresModelStore(Options.Create(new PostgresStoreOptions { ConnectionString = connectionString }), dataSources, ownsDataSources: true);
    }
}
