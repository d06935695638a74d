using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NotificationActors.Abstractions.Learning;
using NotificationActors.Grains.Experiments;
using NotificationActors.Grains.Hosting;
using NotificationActors.Grains.Members;
using Orleans.Configuration;
using Orleans.Reminders;
using Orleans.TestingHost;

namespace NotificationActors.Grains.Tests;

/// <summary>
/// An in-process Orleans test cluster whose member grains and reminders run on fake clocks: weeks pass in
/// milliseconds. The members' clock and the reminders' clock are separate so a test can make a reminder miss.
/// </summary>
public sealed class MemberClusterFixture : IAsyncLifetime
{
    public static readonly DateTimeOffset Start = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    // A test cluster builds silos from configurator types, so the clocks they share are static.
    internal static readonly FakeTimeProvider MemberTime = new(Start);
    internal static readonly FakeTimeProvider ReminderTime = new(Start);

    public TestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.GrainFactory;

    public ILearningLog Log => Cluster.Primary is InProcessSiloHandle { SiloHost: { } host }
        ? host.Services.GetRequiredService<ILearningLog>()
        : throw new InvalidOperationException("The test cluster's primary silo is not in process.");

    public async Task InitializeAsync()
    {
        var builder = new TestClusterBuilder { Options = { InitialSilosCount = 1 } };
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();

    /// <summary>Moves both clocks forward together.</summary>
    public static void Advance(TimeSpan by)
    {
        MemberTime.Advance(by);
        ReminderTime.Advance(by);
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo)
        {
            silo.AddMemoryGrainStorage(MemberGrain.StorageName);
            silo.UseInMemoryReminderService();

            silo.AddMemberGrains(o => o.Arms =
            [
                new ArmOptions { Name = "hierarchical", Share = 0.5 },
                new ArmOptions { Name = "baseline", Share = 0.5, Policy = ArmPolicy.Baseline },
            ]);
            silo.UseMemberTime(MemberTime, ReminderTime);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class MemberClusterDefinition : ICollectionFixture<MemberClusterFixture>
{
    public const string Name = "member cluster";
}
