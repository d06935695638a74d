using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NotificationActors.Abstractions.Learning;
using NotificationActors.Storage.Sqlite.Database;
using NotificationActors.Storage.Sqlite.Learning;
using NotificationActors.Storage.Sqlite.Reminders;
using NotificationActors.Storage.Sqlite.Storage;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime.Hosting;
using Orleans.Storage;

namespace NotificationActors.Storage.Sqlite.Hosting;

/// <summary>Registers the SQLite grain storage and reminder table on a silo.</summary>
public static class SqliteSiloBuilderExtensions
{
    /// <summary>
    /// Opens SQLite files through <paramref name="file"/>, which outlives the silo and is shared with the other
    /// silos of the process, instead of the silo's own writer per file.
    /// </summary>
    public static ISiloBuilder UseSharedSqliteFile(this ISiloBuilder builder, SharedSqliteFile file)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(file);
        builder.Services.Replace(ServiceDescriptor.Singleton(file.Registry));
        return builder;
    }

    /// <summary>Adds a SQLite grain storage named <paramref name="name"/>.</summary>
    public static ISiloBuilder AddSqliteGrainStorage(this ISiloBuilder builder, string name, Action<SqliteGrainStorageOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(configure);
        var services = builder.Services;
        services.AddOptions<SqliteGrainStorageOptions>(name).Configure(configure);
        services.AddTransient<IPostConfigureOptions<SqliteGrainStorageOptions>, DefaultStorageProviderSerializerOptionsConfigurator<SqliteGrainStorageOptions>>();
        services.ConfigureNamedOptionForLogging<SqliteGrainStorageOptions>(name);
        services.AddTransient<IConfigurationValidator>(sp =>
            new SqliteStoreOptionsValidator(sp.GetRequiredService<IOptionsMonitor<SqliteGrainStorageOptions>>().Get(name), $"SQLite grain storage '{name}'"));
        services.TryAddSingleton<SqliteDatabaseRegistry>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddGrainStorage(name, (sp, storageName) => ActivatorUtilities.CreateInstance<SqliteGrainStorage>(
            sp, storageName, sp.GetRequiredService<IOptionsMonitor<SqliteGrainStorageOptions>>().Get(storageName)));
        return builder;
    }

    /// <summary>Uses a SQLite file for Orleans' reminder table.</summary>
    public static ISiloBuilder UseSqliteReminderService(this ISiloBuilder builder, Action<SqliteReminderTableOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.AddReminders();
        var services = builder.Services;
        services.AddOptions<SqliteReminderTableOptions>().Configure(configure);
        services.ConfigureFormatter<SqliteReminderTableOptions>();
        services.AddTransient<IConfigurationValidator>(sp =>
            new SqliteStoreOptionsValidator(sp.GetRequiredService<IOptions<SqliteReminderTableOptions>>().Value, "the SQLite reminder table"));
        services.TryAddSingleton<SqliteDatabaseRegistry>();
        services.AddSingleton<IReminderTable, SqliteReminderTable>();
        return builder;
    }

    /// <summary>Keeps the learning log in a SQLite file (usually the grain storage's).</summary>
    public static ISiloBuilder AddSqliteLearningLog(this ISiloBuilder builder, Action<SqliteLearningLogOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var services = builder.Services;
        services.AddOptions<SqliteLearningLogOptions>().Configure(configure);
        services.AddTransient<IConfigurationValidator>(sp =>
            new SqliteStoreOptionsValidator(sp.GetRequiredService<IOptions<SqliteLearningLogOptions>>().Value, "the SQLite learning log"));
        services.TryAddSingleton<SqliteDatabaseRegistry>();
        services.AddSingleton<ILearningLog, SqliteLearningLog>();
        return builder;
    }
}
