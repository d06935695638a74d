using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Runtime;

namespace NotificationActors.Storage.Postgres.Schema;

/// <summary>
/// Brings the database up to date first thing in the silo's start, before Orleans' ADO.NET providers read their
/// queries from it; a database that cannot be reached stops the silo with a message naming it.
/// </summary>
internal sealed partial class PostgresSchemaInstaller(
    IOptions<PostgresStoreOptions> options,
    PostgresDataSources dataSources,
    ILogger<PostgresSchemaInstaller> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(PostgresSchemaInstaller), ServiceLifecycleStage.First, InstallAsync);

    private async Task InstallAsync(CancellationToken cancellationToken)
    {
        var dataSource = dataSources.Get(options.Value.ConnectionString);
        int applied;
        try
        {
            applied = await PostgresSchema.ApplyAsync(dataSource, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            var where = new NpgsqlConnectionStringBuilder(options.Value.ConnectionString);
            throw new OrleansConfigurationException(
                $"Cannot prepare the PostgreSQL database '{where.Database}' at {where.Host}:{where.Port}: {e.Message}", e);
        }

        LogSchema(applied, PostgresSchema.Migrations.Count);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "PostgreSQL schema: applied {Applied} of {Total} migrations")]
    private partial void LogSchema(int applied, int total);
}
