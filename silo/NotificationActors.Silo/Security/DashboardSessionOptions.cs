namespace NotificationActors.Silo.Security;

/// <summary>Dashboard sessions (configuration section <c>NotificationActors:Dashboard</c>; docs/api.md, Security).</summary>
internal sealed class DashboardSessionOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "NotificationActors:Dashboard";

    /// <summary>Default <see cref="IdleTimeout"/>: a working day.</summary>
    public static readonly TimeSpan DefaultIdleTimeout = TimeSpan.FromHours(8);

    /// <summary>
    /// A session unused this long ends; each use renews it (sliding expiry), so an open dashboard stays logged in
    /// while its key is configured.
    /// </summary>
    public TimeSpan IdleTimeout { get; set; } = DefaultIdleTimeout;

    /// <summary>
    /// Folder of the Data Protection key ring that signs and encrypts session cookies. Silos behind one load
    /// balancer must share it (a shared volume). When null: <c>&lt;data&gt;/data-protection-keys</c> with SQLite
    /// storage, in memory with memory storage, ASP.NET Core's per-user default with a clustered store.
    /// </summary>
    public string? KeyRingDirectory { get; set; }
}
