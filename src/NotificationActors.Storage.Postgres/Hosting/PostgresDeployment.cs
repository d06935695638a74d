using NotificationActors.Abstractions.Learning;
using NotificationActors.Storage.Postgres.Learning;
using NotificationActors.Storage.Postgres.Models;
using NotificationActors.Storage.Postgres.Storage;

namespace NotificationActors.Storage.Postgres.Hosting;

/// <summary>On premises: Orleans' ADO.NET membership, the project's grain storage and reminder table, the learning log and model versions in one PostgreSQL database.</summary>
public sealed class PostgresDeployment : StorageDeployment
{
    public override string Name => "postgres";

    public override string Description => "a PostgreSQL database (--postgres); silos on it form a cluster";

    public override StoreConnection Connection { get; } = new(
        "--postgres",
        "Npgsql connection string of the PostgreSQL database (--storage postgres): clustering, grain state, reminders, learning log, model versions.",
        PostgresConnectionString.Validate);

    public override void AddTo(ISiloBuilder silo, StorageLocation location, GrainStateStorage state)
    {
        var database = ConnectionStringOf(location);
        silo.UsePostgresClustering(database);
        silo.AddPostgresGrainStorage(state.Name, database);
        state.WriteThrough<PostgresGrainStorageOptions>(silo);
        silo.UsePostgresReminderService(database);
        silo.AddPostgresLearningLog(database);
    }

    /// <remarks>AspNetCore.HealthChecks.NpgSql's check (<c>SELECT 1</c>) on a pooled data source of its own.</remarks>
    public override Microsoft.Extensions.Diagnostics.HealthChecks.IHealthCheck HealthCheck(StorageLocation location) =>
        new HealthChecks.NpgSql.NpgSqlHealthCheck(new HealthChecks.NpgSql.NpgSqlHealthCheckOptions(Npgsql.NpgsqlDataSource.Create(ConnectionStringOf(location))));

    public override Task<ILearningLogConnection> OpenLearningLogAsync(StorageLocation location, CancellationToken cancellationToken) =>
        PostgresLearningLogDatabase.OpenAsync(ConnectionStringOf(location), cancellationToken);

    public override Task<IModelStoreConnection> OpenModelStoreAsync(StorageLocation location, CancellationToken cancellationToken) =>
        PostgresModelStoreDatabase.OpenAsync(ConnectionStringOf(location), cancellationToken);
}
