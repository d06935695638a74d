using NotificationActors.Silo.Apis;
using NotificationActors.Storage.Sqlite.Hosting;
using Orleans.Configuration;

namespace NotificationActors.Silo.Hosting;

/// <summary>Builds the web application that co-hosts the Orleans silo and the HTTP API.</summary>
internal static class SiloHost
{
    /// <summary>Grain storage name the member grains use.</summary>
    public const string MemberStorage = "members";

    public static WebApplication Build(SiloSettings settings, string[]? hostArgs = null)
    {
        var builder = WebApplication.CreateBuilder(hostArgs ?? []);
        builder.WebHost.UseUrls(settings.Urls);
        builder.Services.AddSingleton<SiloReadiness>();
        builder.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<SiloReadiness>());
        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = SiloSettings.ClusterId;
                o.ServiceId = SiloSettings.ClusterId;
            });
            silo.UseLocalhostClustering(FreePorts.Resolve(settings.SiloPort), FreePorts.Resolve(settings.GatewayPort));
            switch (settings.Storage)
            {
                case StorageKind.Sqlite:
                    silo.AddSqliteGrainStorage(MemberStorage, o => o.DataSource = settings.SqlitePath);
                    silo.UseSqliteReminderService(o => o.DataSource = settings.SqlitePath);
                    break;
                case StorageKind.Memory:
                    silo.AddMemoryGrainStorage(MemberStorage);
                    silo.UseInMemoryReminderService();
                    break;
                default:
                    throw new InvalidOperationException($"Storage '{settings.Storage}' is not available in this build.");
            }
        });

        var app = builder.Build();
        app.MapHealthApi();
        return app;
    }
}
