using NotificationActors.Abstractions.Cluster;
using NotificationActors.Storage;

namespace NotificationActors.Silo.Hosting;

/// <summary>What the <c>run</c> verb was asked for, by flags or configuration (<see cref="Section"/>), after parsing and validation.</summary>
/// <param name="Urls">HTTP listen addresses, ';'-separated, as ASP.NET Core takes them.</param>
/// <param name="Storage">The storage deployment.</param>
/// <param name="SiloPort">Silo-to-silo port; 0 picks a free one.</param>
/// <param name="GatewayPort">Client gateway port; 0 picks a free one.</param>
/// <param name="DataDirectory">Folder of the embedded SQLite file.</param>
internal sealed record SiloSettings(string Urls, StorageDeployment Storage, int SiloPort, int GatewayPort, string DataDirectory)
{
    /// <summary>The clustered store's connection string (<see cref="StorageDeployment.Connection"/>).</summary>
    public string? ConnectionString { get; init; }

    /// <summary>Where the storage deployment's data is.</summary>
    public StorageLocation Location => new(DataDirectory, ConnectionString);

    /// <summary>The clock members and reminders run by.</summary>
    public Clock.ClockKind Clock { get; init; } = NotificationActors.Silo.Clock.ClockKind.System;

    /// <summary>Where a simulated clock starts; the wall clock's time when null.</summary>
    public DateTimeOffset? ClockStart { get; init; }

    /// <summary>Cluster and service id: silos on one database with the same id form a cluster.</summary>
    public string ClusterId { get; init; } = DefaultClusterId;

    /// <summary>The address other silos and clients reach this one at; null lets Orleans pick the machine's.</summary>
    public System.Net.IPAddress? AdvertisedAddress { get; init; }

    /// <summary>The card of the trained model version new plans use; null serves the built-in parametric model.</summary>
    public NotificationActors.Learning.Artefacts.ModelCard? Model { get; init; }

    /// <summary>API keys given on the command line (added to any configured).</summary>
    public IReadOnlyList<string> ApiKeys { get; init; } = [];

    /// <summary>How the console writes logs.</summary>
    public LogFormat LogFormat { get; init; } = LogFormat.Simple;

    /// <summary>The folder of appsettings.json the host reads (its content root): beside the executable by default, wherever it is run from.</summary>
    public string ConfigurationFolder { get; init; } = AppContext.BaseDirectory;

    /// <summary>The configuration section of the <c>run</c> verb's options: <c>--cluster-id</c> is <c>NotificationActors:Silo:ClusterId</c>.</summary>
    public const string Section = "NotificationActors:Silo";

    /// <summary>The configuration key of <see cref="LogFormat"/> (<c>--log-format</c>): <c>simple</c> or <c>json</c>.</summary>
    public const string LogFormatKey = "NotificationActors:Logging:Format";

    /// <summary>Default folder of the embedded store (docs/api.md).</summary>
    public const string DefaultDataDirectory = "./data";

    /// <summary>Default HTTP address (docs/api.md).</summary>
    public const string DefaultUrls = "http://127.0.0.1:5080";

    /// <summary>Orleans' conventional silo port.</summary>
    public const int DefaultSiloPort = 11111;

    /// <summary>Orleans' conventional gateway port.</summary>
    public const int DefaultGatewayPort = 30000;

    /// <summary>Default cluster and service id.</summary>
    public const string DefaultClusterId = ClusterIds.Default;
}
