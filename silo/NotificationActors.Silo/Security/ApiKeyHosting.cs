using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;
using NotificationActors.Silo.Hosting;

namespace NotificationActors.Silo.Security;

/// <summary>Adds what <see cref="ApiKeyGate"/> needs: the key ring, dashboard sessions and the cookies' Data Protection.</summary>
internal static class ApiKeyHosting
{
    /// <summary>Data Protection's application name: silos sharing a key ring read each other's cookies whatever their install folder.</summary>
    private const string ApplicationName = "NotificationActors";

    /// <summary>The key ring's folder under the SQLite data folder.</summary>
    private const string KeyRingFolder = "data-protection-keys";

    public static WebApplicationBuilder AddApiKeys(this WebApplicationBuilder builder, SiloSettings settings)
    {
        builder.Services.AddOptions<ApiOptions>()
            .Validate(o => o.ApiKeys.All(key => key is { Length: > 0 } && key == key.Trim()), $"{ApiOptions.Section}:{nameof(ApiOptions.ApiKeys)} holds a blank key or one with spaces around it, which no request can present.")
            .ValidateOnStart();
        builder.Services.AddSingleton<ApiKeyRing>();
        builder.Services.AddOptions<DashboardSessionOptions>().BindConfiguration(DashboardSessionOptions.Section)
            .Validate(o => o.IdleTimeout > TimeSpan.Zero, $"{DashboardSessionOptions.Section}:{nameof(DashboardSessionOptions.IdleTimeout)} must be positive.")
            .ValidateOnStart();
        builder.Services.AddAuthentication().AddCookie(DashboardSession.Scheme);
        builder.Services.AddOptions<CookieAuthenticationOptions>(DashboardSession.Scheme)
            .Configure<IOptions<DashboardSessionOptions>>((cookie, options) => DashboardSession.Configure(cookie, options.Value));
        AddKeyRing(builder, settings);
        return builder;
    }

    // SQLite keeps the key ring beside its data, so sessions outlive a restart; memory storage forgets it with
    // everything else; a clustered store's silos need a shared folder configured (operations.md).
    private static void AddKeyRing(WebApplicationBuilder builder, SiloSettings settings)
    {
        var dataProtection = builder.Services.AddDataProtection().SetApplicationName(ApplicationName);
        var directory = builder.Configuration.GetSection(DashboardSessionOptions.Section).Get<DashboardSessionOptions>()?.KeyRingDirectory
            ?? (settings.Storage == StorageDeployments.Sqlite ? Path.Combine(settings.DataDirectory, KeyRingFolder) : null);
        if (directory is not null)
        {
            dataProtection.PersistKeysToFileSystem(new DirectoryInfo(directory));
        }
        else if (settings.Storage == StorageDeployments.Memory)
        {
            var memory = new MemoryKeyRepository();
            builder.Services.Configure<KeyManagementOptions>(o => o.XmlRepository = memory);
        }
    }
}
