using NotificationActors.Grains.Hosting;
using NotificationActors.Storage.Azure.Hosting;
using NotificationActors.Storage.Postgres.Hosting;
using NotificationActors.Storage;
using NotificationActors.Storage.TestSuites;

namespace NotificationActors.Cluster.Tests;

/// <summary>A clustered store the product ships: how a silo and a client of the test cluster are put on it.</summary>
public interface IClusterStore
{
    /// <summary>A fresh, empty store; its connection string.</summary>
    static abstract Task<string> CreateAsync();

    /// <summary>Membership, member state, reminders and the learning log on the store, as the <c>run</c> verb sets them.</summary>
    static abstract void Configure(ISiloBuilder silo, string store);

    /// <summary>The client finds the gateways in the store's membership.</summary>
    static abstract void Configure(IClientBuilder client, string store);
}

/// <summary>ADO.NET membership, grain state and reminders and the learning log in a fresh PostgreSQL database.</summary>
public sealed class PostgresStore : IClusterStore
{
    public static Task<string> CreateAsync() => PostgresServer.CreateDatabaseAsync("cluster");

    public static void Configure(ISiloBuilder silo, string store) => new PostgresDeployment().AddTo(silo, new StorageLocation("", store), MemberGrainsSiloBuilderExtensions.MemberState);

    public static void Configure(IClientBuilder client, string store) => client.UsePostgresClustering(store);
}

/// <summary>Azure Table membership and reminders, Blob member state and the table learning log on Azurite (or <c>NA_AZURE</c>).</summary>
public sealed class AzureStore : IClusterStore
{
    // The account outlives the fixture; a fresh container and table keep this run's state apart (the cluster id
    // keeps its membership and reminder rows apart).
    private static readonly string Suffix = Guid.NewGuid().ToString("N")[..12];

    public static Task<string> CreateAsync() => AzuriteServer.ConnectionStringAsync();

    public static void Configure(ISiloBuilder silo, string store) =>
        new AzureDeployment(grainStateContainer: $"members-{Suffix}", learningLogTable: $"log{Suffix}").AddTo(silo, new StorageLocation("", store), MemberGrainsSiloBuilderExtensions.MemberState);

    public static void Configure(IClientBuilder client, string store) => client.UseAzureClustering(store);
}
