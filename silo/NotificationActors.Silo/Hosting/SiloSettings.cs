using NotificationActors.Storage;

namespace NotificationActors.Silo.Hosting;

/// <summary>What the <c>run</c> verb was asked for, after parsing and validation.</summary>
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

    /// <summary>Default folder of the embedded store (docs/api.md).</summary>
    public const string DefaultDataDirectory = "./data";

    /// <summary>Default HTTP address (docs/api.md).</summary>
    public const string DefaultUrls = "http://127.0.0.1:5080";

    /// <summary>Orleans' conventional silo port.</summary>
    public const int DefaultSiloPort = 11111;

    /// <summary>Orleans' conventional gateway port.</summary>
    public const int DefaultGatewayPort = 30000;

    /// <summary>Default cluster and service id.</summary>
    public const string DefaultClusterId = "notification-actors";
}
