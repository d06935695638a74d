using Microsoft.Extensions.Options;
using NotificationActors.Abstractions.Learning;
using NotificationActors.Storage.Postgres.Hosting;
using NotificationActors.Storage.Postgres.Schema;

namespace NotificationActors.Storage.Postgres.Models;

/// <summary>Opens the model versions of a PostgreSQL database outside a silo (for <c>train</c>, <c>evaluate</c> and <c>run</c>).</summary>
public static class PostgresModelStoreDatabase
{
    /// <summary>The model store in the database; the schema is applied first, as a silo would at start.</summary>
    public static async Task<IModelStoreConnection> OpenAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        PostgresConnectionString.Validate(connectionString);
        var dataSources = new PostgresDataSources();
        try
        {
            await PostgresSchema.ApplyAsync(dataSources.Get(connectionString), cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await dataSources.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return new PostgresModelStore(Options.Create(new PostgresStoreOptions { ConnectionString = connectionString }), dataSources, ownsDataSources: true);
    }
}
