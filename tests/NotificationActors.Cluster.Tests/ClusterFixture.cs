using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NotificationActors.Abstractions.Learning;
using NotificationActors.Grains.Experiments;
using NotificationActors.Grains.Hosting;
using NotificationActors.Grains.Members;
using NotificationActors.Storage.Azure.Hosting;
using NotificationActors.Storage.Postgres.Hosting;
using NotificationActors.Storage.TestSuites;
using Orleans.Configuration;
using Orleans.Reminders;
using Orleans.TestingHost;

namespace NotificationActors.Cluster.Tests;

/// <summary>
/// Three in-process silos and a client on one clustered store, as production runs them: the store's membership
/// (no test-cluster membership), grain state, reminders and the learning log. Members and reminders run on one
/// fake clock, so weeks pass on demand; membership keeps real time, with probes tightened so a killed silo is
/// declared dead in a few seconds instead of about fifteen.
/// </summary>
public sealed class ClusterFixture<TStore> : IAsyncLifetime where TStore : IClusterStore
{
    public const int Silos = 3;

    public static readonly DateTimeOffset Start = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    // A test cluster builds silos and its client from configurator types, so what they share is static (one copy
    // per store, since each closed generic type has its own statics).
    internal static readonly FakeTimeProvider Time = new(Start);
    private static string _store = "";
    private static readonly string ClusterId = $"{typeof(TStore).Name.ToLowerInvariant()}-{Guid.NewGuid():N}";

    public TestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public ILearningLog Log => Services(Cluster.Silos[0]).GetRequiredService<ILearningLog>();

    private static IServiceProvider Services(SiloHandle silo) => silo is InProcessSiloHandle { SiloHost: { } host }
        ? host.Services
        : throw new InvalidOperationException("The test cluster's silos are in process.");

    public async Task InitializeAsync()
    {
        _store = await TStore.CreateAsync();
        var builder = new TestClusterBuilder { Options = { InitialSilosCount = Silos, UseTestClusterMembership = false, ClusterId = ClusterId, ServiceId = ClusterId } };
        builder.AddSiloBuilderConfigurator<Configurator>();
        builder.AddClientBuilderConfigurator<Configurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        // A fixture whose store failed to start has no cluster to stop.
        if (Cluster is not null) await Cluster.DisposeAsync();
    }

    private sealed class Configurator : ISiloConfigurator, IClientBuilderConfigurator
    {
        public void Configure(ISiloBuilder silo)
        {
            TStore.Configure(silo, _store);
            silo.Configure<ClusterMembershipOptions>(o =>
            {
                o.ProbeTimeout = TimeSpan.FromSeconds(1);
                o.NumMissedProbesLimit = 2;
                o.NumVotesForDeathDeclaration = 1;
            });

            // One fixed arm: every member's weekly budget is known, so the test can check it is never exceeded.
            silo.AddMemberGrains(o => o.Arms = [new ArmOptions { Name = "fixed", Share = 1, Policy = ArmPolicy.Fixed, FixedPush = 3, FixedEmail = 2 }]);
            silo.UseMemberTime(Time);
        }

        public void Configure(Microsoft.Extensions.Configuration.IConfiguration configuration, IClientBuilder client) =>
            TStore.Configure(client, _store);
    }
}
