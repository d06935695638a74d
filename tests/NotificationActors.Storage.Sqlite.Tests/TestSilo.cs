using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NotificationActors.Storage.Sqlite.Hosting;
using NotificationActors.Storage.TestSuites;
using Orleans.Configuration;
using Orleans.Reminders;

namespace NotificationActors.Storage.Sqlite.Tests;

/// <summary>A real single silo on a SQLite file, as the product hosts it, on free loopback ports.</summary>
internal static class TestSilo
{
    public const string Store = "store";

    public static async Task<IHost> StartAsync(string dataSource, TimeProvider? reminderClock = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(silo => silo
            .UseLocalhostClustering(FreeTcpPort.Next(), FreeTcpPort.Next())
            .AddSqliteGrainStorage(Store, o => o.DataSource = dataSource)
            .UseSqliteReminderService(o => o.DataSource = dataSource)
            .AddSqliteLearningLog(o => o.DataSource = dataSource));
        if (reminderClock is not null)
        {
            // Only the reminder service runs on the fake clock: the rest of the runtime keeps real time. A wide
            // loading window keeps the reminder's timer armed, so a clock jump cannot race the table refresh.
            builder.Services.AddKeyedSingleton(ReminderTimeProviderNames.Reminders, reminderClock);
            builder.Services.Configure<ReminderOptions>(o => o.ReminderLoadingWindow = TimeSpan.FromDays(10));
        }

        var host = builder.Build();
        await host.StartAsync(Timeout.Token);
        return host;
    }

    public static IGrainFactory Grains(this IHost host) => host.Services.GetRequiredService<IGrainFactory>();
}
