using NotificationActors.Storage.Postgres.Hosting;
using NotificationActors.Storage.Postgres.Schema;

namespace NotificationActors.Storage.Postgres;

/// <summary>A database opened outside a silo, for offline jobs: checked, with the schema applied as a silo would at start.</summary>
internal static class PostgresDatabase
{
    /// <summary>Pools for the database, the schema applied; the caller owns and disposes them.</summary>
    public static async Task<PostgresDataSources> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        PostgresConnectionString.Validate(connectionString);
        var dataSources = new PostgresDataSources();
        try
        {
            await PostgresSchema.ApplyAsync(dataSources.Get(connectionString), cancellationToken).ConfigureAwait(false);
            return dataSources;
        }
        catch
        {
            await dataSources.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
