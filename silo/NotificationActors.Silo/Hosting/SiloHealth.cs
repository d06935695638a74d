using Microsoft.Extensions.Diagnostics.HealthChecks;
using NotificationActors.Silo.Health;
using NotificationActors.Storage;
using NotificationActors.Storage.Azure.Hosting;
using NotificationActors.Storage.Postgres.Hosting;
using NotificationActors.Storage.Sqlite.Hosting;

namespace NotificationActors.Silo.Hosting;

/// <summary>
/// ASP.NET Core health checks of the silo (docs/api.md, Health): readiness is the store answering, by a check per
/// storage deployment, and the silo active in the membership; liveness runs no check (the process answers).
/// </summary>
internal static class SiloHealth
{
    /// <summary>The tag of the checks <c>/health/ready</c> runs.</summary>
    public const string Ready = "ready";

    /// <summary>The store's check.</summary>
    public const string StoreCheck = "store";

    /// <summary>The membership check.</summary>
    public const string MembershipCheck = "membership";

    /// <summary>How long a check may take before it counts as failed: a probe must answer within its own timeout.</summary>
    public static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(5);

    public static void AddSiloHealthChecks(this WebApplicationBuilder builder, SiloSettings settings)
    {
        var checks = builder.Services.AddHealthChecks()
            .AddCheck<SiloMembershipHealthCheck>(MembershipCheck, tags: [Ready], timeout: CheckTimeout);
        AddStoreCheck(checks, settings.Storage, settings.Location);
    }

    // Each store is checked through its own client: the one file, the database, the account's membership table and grain-state container.
    private static void AddStoreCheck(IHealthChecksBuilder checks, StorageDeployment storage, StorageLocation location)
    {
        switch (storage)
        {
            case SqliteDeployment:
                var file = new SqliteFileHealthCheck(SqliteDeployment.FileOf(location));
                checks.Add(new HealthCheckRegistration(StoreCheck, _ => file, null, [Ready], CheckTimeout));
                break;
            case PostgresDeployment:
                checks.AddNpgSql(location.ConnectionString!, name: StoreCheck, tags: [Ready], timeout: CheckTimeout);
                break;
            case AzureDeployment:
                var account = new AzureStorageHealthCheck(location.ConnectionString!);
                checks.Add(new HealthCheckRegistration(StoreCheck, _ => account, null, [Ready], CheckTimeout));
                break;
            case MemoryDeployment:
                // The store is the process's own memory: up while the process is.
                break;
            default:
                throw new NotSupportedException($"--storage {storage.Name} has no health check; add one to {nameof(SiloHealth)}.");
        }
    }
}
