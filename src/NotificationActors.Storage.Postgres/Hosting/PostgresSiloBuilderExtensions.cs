using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using NotificationActors.Abstractions.Learning;
using NotificationActors.Storage.Postgres.Learning;
using NotificationActors.Storage.Postgres.Reminders;
using NotificationActors.Storage.Postgres.Schema;
using NotificationActors.Storage.Postgres.Storage;
using NotificationActors.Storage.Postgres.Writing;
using Orleans.Configuration;
using Orleans.Runtime.Hosting;
using Orleans.Storage;

namespace NotificationActors.Storage.Postgres.Hosting;

/// <summary>
/// Puts a silo's clustering, grain storage, reminders and learning log on one PostgreSQL database. Orleans'
/// ADO.NET provider does clustering; the grain storage, reminder table, schema (applied at start) and learning log
/// are the project's own.
/// </summary>
public static class PostgresSiloBuilderExtensions
{
    /// <summary>Silos on the same database and cluster id form one cluster (ADO.NET membership).</summary>
    public static ISiloBuilder UsePostgresClustering(this ISiloBuilder builder, string connectionString)
    {
        AddStore(builder, connectionString);
        return builder.UseAdoNetClustering(o =>
        {
            o.Invariant = PostgresInvariant.Name;
            o.ConnectionString = connectionString;
        });
    }

    /// <summary>Adds a grain storage named <paramref name="name"/>, its writes committed in groups by the silo's writer.</summary>
    public static ISiloBuilder AddPostgresGrainStorage(this ISiloBuilder builder, string name, string connectionString)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        AddStore(builder, connectionString);
        var services = builder.Services;
        services.AddOptions<PostgresGrainStorageOptions>(name);
        services.AddTransient<IPostConfigureOptions<PostgresGrainStorageOptions>, DefaultStorageProviderSerializerOptionsConfigurator<PostgresGrainStorageOptions>>();
        services.AddGrainStorage(name, (sp, storageName) => ActivatorUtilities.CreateInstance<PostgresGrainStorage>(
            sp, storageName, sp.GetRequiredService<IOptionsMonitor<PostgresGrainStorageOptions>>().Get(storageName)));
        return builder;
    }

    /// <summary>Keeps Orleans' reminder table in the database, its writes committed in groups by the silo's writer.</summary>
    public static ISiloBuilder UsePostgresReminderService(this ISiloBuilder builder, string connectionString)
    {
        AddStore(builder, connectionString);
        builder.AddReminders();
        builder.Services.AddSingleton<IReminderTable, PostgresReminderTable>();
        return builder;
    }

    /// <summary>Keeps the learning log in the database.</summary>
    public static ISiloBuilder AddPostgresLearningLog(this ISiloBuilder builder, string connectionString)
    {
        AddStore(builder, connectionString);
        builder.Services.AddSingleton<ILearningLog, PostgresLearningLog>();
        return builder;
    }

    /// <summary>An Orleans client finds the cluster's gateways in the database.</summary>
    public static IClientBuilder UsePostgresClustering(this IClientBuilder builder, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        PostgresConnectionString.Validate(connectionString);
        return builder.UseAdoNetClustering(o =>
        {
            o.Invariant = PostgresInvariant.Name;
            o.ConnectionString = connectionString;
        });
    }

    // Every part shares one database: the first call registers it, later calls must name the same one.
    private static void AddStore(ISiloBuilder builder, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        PostgresConnectionString.Validate(connectionString);
        var services = builder.Services;
        var registered = services.FirstOrDefault(d => d.ServiceType == typeof(PostgresStoreMarker))?.ImplementationInstance as PostgresStoreMarker;
        if (registered is not null)
        {
            if (registered.ConnectionString != connectionString)
            {
                throw new ArgumentException("All PostgreSQL parts of a silo use one database; a second connection string was given.", nameof(connectionString));
            }

            return;
        }

        services.AddSingleton(new PostgresStoreMarker(connectionString));
        services.AddOptions<PostgresStoreOptions>().Configure(o => o.ConnectionString = connectionString);
        services.TryAddSingleton<PostgresDataSources>();
        services.TryAddSingleton<PostgresWriter>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, PostgresSchemaInstaller>();
    }

    private sealed record PostgresStoreMarker(string ConnectionString);
}
