using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NotificationActors.Abstractions.Learning;
using NotificationActors.Grains.Experiments;
using NotificationActors.Grains.Hosting;
using NotificationActors.Grains.Learning;
using NotificationActors.Grains.Members;
using NotificationActors.Grains.Policies;
using NotificationActors.Storage.Sqlite;
using NotificationActors.Storage.Sqlite.Hosting;
using NotificationActors.Storage.Sqlite.Storage;
using Orleans.Configuration;
using Orleans.Reminders;
using Orleans.Runtime.Hosting;
using Orleans.TestingHost;

namespace NotificationActors.Simulation.Experiment;

/// <summary>
/// The experiment's Orleans test cluster: in-process silos running the real member grains on Orleans' memory storage
/// or on the embedded SQLite store (one throwaway file the silos share), with members and reminders on simulated clocks
/// moved together, so weekly reminders fire as in production while weeks pass in seconds. Public for the lab's
/// experiment-floor load run, which calls a grain of its own on the same cluster.
/// </summary>
public sealed class ExperimentCluster : IAsyncDisposable
{
    // A test cluster builds silos from configurator types, so what the silos share with the experiment is static;
    // the gate keeps one experiment per process.
    private static readonly SemaphoreSlim OneAtATime = new(1, 1);
    private static Shared? _shared;

    // A simulated member meets at most about 20 opportunities and 30 events a week.
    private const int ReplayWindow = 8;

    private readonly Shared _state;
    private readonly string _folder;

    private ExperimentCluster(Shared state, string folder, TestCluster cluster)
    {
        _state = state;
        _folder = folder;
        Cluster = cluster;
        Log = state.MemoryLog ?? state.File!.LearningLog(state.DataSource, SqliteDurability.Normal);
    }

    internal TestCluster Cluster { get; }

    /// <summary>Moves the clock members and reminders share to <paramref name="now"/>; reminders due by then fire.</summary>
    internal void SetTime(DateTimeOffset now) => _state.Time.SetUtcNow(now);

    /// <summary>
    /// Grain factories inside the silos, one per silo: callers spread over them reach a member's silo directly, as
    /// services co-hosted with a silo do, instead of through a client's gateway first.
    /// </summary>
    public IReadOnlyList<IGrainFactory> Grains => [.. Cluster.Silos.Select(s => Services(s).GetRequiredService<IGrainFactory>())];

    /// <summary>The cluster's learning log (on SQLite, read through the silos' own writer).</summary>
    internal ILearningLog Log { get; }

    /// <summary>Says the reader is done with week <paramref name="week"/>: a log in memory frees it, a file keeps it.</summary>
    internal void DoneReading(string week) => _state.MemoryLog?.ForgetWeek(week);

    /// <summary>Starts <paramref name="silos"/> silos on <paramref name="storage"/>; the clock stands at <paramref name="start"/>.</summary>
    /// <param name="storage">Where the grains keep state, reminders and the learning log.</param>
    /// <param name="silos">Silos of the cluster.</param>
    /// <param name="start">The simulated clock's start.</param>
    /// <param name="arms">The arms members are allocated to.</param>
    /// <param name="learnsFrom">The arm whose records a log in memory keeps, with any arm's that hold units of a ranker's duel: the one the experiment retrains on.</param>
    /// <param name="oracle">The oracle arm's plans.</param>
    /// <param name="cancellationToken">Stops the start.</param>
    /// <param name="rankings">The ranking layer's arms (default: one engagement arm).</param>
    public static async Task<ExperimentCluster> StartAsync(
        ExperimentStorage storage, int silos, DateTimeOffset start, IReadOnlyList<ArmOptions> arms, string learnsFrom, IPlanOracle oracle, CancellationToken cancellationToken,
        IReadOnlyList<RankingArmOptions>? rankings = null)
    {
        rankings ??= [new RankingArmOptions()];
        await OneAtATime.WaitAsync(cancellationToken).ConfigureAwait(false);
        var folder = Directory.CreateTempSubdirectory("na-experiment-").FullName;
        try
        {
            // The memory log keeps what the learning loop reads: its arm's weeks, and every arm's weeks with units of a
            // ranker's duel, which the loop reads from every pacing arm.
            var state = storage == ExperimentStorage.Memory
                ? new Shared(new SimulatedTime(start), null, "", new(), new InMemoryLearningLog(r => r.Arm == learnsFrom || r.Decisions.Any(d => d.RankerDuel)), arms, oracle, rankings)
                : new Shared(new SimulatedTime(start), new SharedSqliteFile(), Path.Combine(folder, "experiment.db"), null, null, arms, oracle, rankings);
            _shared = state;
            // Silos talk over the test host's in-memory transport and log only warnings to the console: an experiment
            // measures the policies, not sockets or log files. Callers use the silos' own grain factories, so no client.
            var builder = new TestClusterBuilder
            {
                Options =
                {
                    InitialSilosCount = (short)silos,
                    ServiceId = "experiment",
                    ClusterId = "experiment",
                    ConnectionTransport = ConnectionTransportType.InMemory,
                    ConfigureFileLogging = false,
                    InitializeClientOnDeploy = false,
                },
            };
            builder.AddSiloBuilderConfigurator<SiloConfigurator>();
            var cluster = builder.Build();
            await cluster.DeployAsync(cancellationToken).ConfigureAwait(false);
            return new ExperimentCluster(state, folder, cluster);
        }
        catch
        {
            _shared = null;
            OneAtATime.Release();
            Directory.Delete(folder, recursive: true);
            throw;
        }
    }

    /// <summary>Serves a model version (and exploration share, and rankers) to every silo's new plans and decisions.</summary>
    internal void Serve(Policy.Slow.IRewardModel model, Policy.Fast.ICandidateScorer? scorer, Policy.Slow.PopulationPriors? priors, double epsilon, double? messageCost = null,
        Policy.Fast.ICandidateScorer? causal = null)
    {
        foreach (var silo in Cluster.Silos)
        {
            Services(silo).GetRequiredService<PolicyEngine>().Serve(model, scorer, priors, epsilon, messageCost, causal);
        }
    }

    /// <summary>Puts a causal ranker on trial in the causal ranking arms on every silo, dueling their ranker at each send; null ends the trial.</summary>
    internal void ChallengeRanker(Policy.Fast.ICandidateScorer? challenger)
    {
        foreach (var silo in Cluster.Silos)
        {
            Services(silo).GetRequiredService<PolicyEngine>().ChallengeRanker(challenger);
        }
    }

    /// <summary>Puts a challenger on trial for half the hierarchical arm's members on every silo; null ends the trial.</summary>
    internal void Challenge(Policy.Slow.IRewardModel? challenger, double? messageCost = null)
    {
        foreach (var silo in Cluster.Silos)
        {
            Services(silo).GetRequiredService<PolicyEngine>().Challenge(challenger, messageCost: messageCost);
        }
    }

    private static IServiceProvider Services(SiloHandle silo) => silo is InProcessSiloHandle { SiloHost: { } host }
        ? host.Services
        : throw new InvalidOperationException("The experiment's silos run in process.");

    /// <summary>Stops the silos and deletes the cluster's store; the next cluster may then start.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await Cluster.StopAllSilosAsync().ConfigureAwait(false);
            await Cluster.DisposeAsync().ConfigureAwait(false);
            if (_state.File is { } file)
            {
                await file.DisposeAsync().ConfigureAwait(false);
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            }

            Directory.Delete(_folder, recursive: true);
        }
        finally
        {
            _shared = null;
            OneAtATime.Release();
        }
    }

    // File and DataSource on SQLite; States and MemoryLog in memory.
    private sealed record Shared(
        SimulatedTime Time, SharedSqliteFile? File, string DataSource, ConcurrentDictionary<(GrainId, string), ThrowawayGrainStorage.Stored>? States, InMemoryLearningLog? MemoryLog,
        IReadOnlyList<ArmOptions> Arms, IPlanOracle Oracle, IReadOnlyList<RankingArmOptions> Rankings);

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo)
        {
            var state = _shared ?? throw new InvalidOperationException("An experiment cluster is configured only while it starts.");

            if (state.File is { } file)
            {
                // The file is throwaway, so commits need not wait for the disk.
                silo.UseSharedSqliteFile(file);
                silo.AddSqliteGrainStorage(MemberGrain.StorageName, o => (o.DataSource, o.Durability) = (state.DataSource, SqliteDurability.Normal));
                MemberGrainsSiloBuilderExtensions.MemberState.WriteThrough<SqliteGrainStorageOptions>(silo);
                silo.UseSqliteReminderService(o => (o.DataSource, o.Durability) = (state.DataSource, SqliteDurability.Normal));
                silo.AddSqliteLearningLog(o => (o.DataSource, o.Durability) = (state.DataSource, SqliteDurability.Normal));
            }
            else
            {
                // The same state format as on a durable store, so a write costs the serialisation it costs in production.
                silo.Services.AddGrainStorage(MemberGrain.StorageName, (services, _) =>
                    new ThrowawayGrainStorage(state.States!, MemberGrainsSiloBuilderExtensions.MemberState.Serializer(services)));
                silo.UseInMemoryReminderService();
                silo.Services.AddSingleton<ILearningLog>(state.MemoryLog!);
            }

            // The experiment shares the machine with whatever else runs there: on an oversubscribed machine one call
            // outlasted Orleans' default 30 seconds and ended a 100,000-member run at week 17. Calls stay in the process
            // and are never lost, so waiting longer only makes a slow run slow.
            silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromMinutes(5));
            silo.AddMemberGrains(o =>
            {
                o.Arms = [.. state.Arms];
                o.Rankings = [.. state.Rankings];

                // The experiment's callers never retry, so the replay windows need only cover a week of its traffic;
                // smaller windows keep each state write small.
                (o.OpportunityWindow, o.EventWindow) = (ReplayWindow, ReplayWindow);
            });
            silo.UseMemberTime(state.Time);

            // Keep weekly reminders loaded, so each jump of the clock meets an armed timer (a reminder reloaded after
            // its due time would be skipped, as Orleans skips missed ticks). Every reminder registers through the
            // silo owning its range, which arms it at once, so the table need hardly be re-read (by default every five
            // simulated minutes: each silo reading its whole range, copied between silos, at every daily jump). Every 40
            // days, a timer's longest wait being 49; the window may not be shorter, so it is set after UseMemberTime's.
            silo.Configure<ReminderOptions>(o => (o.ReminderLoadingWindow, o.RefreshReminderListPeriod) = (TimeSpan.FromDays(40), TimeSpan.FromDays(40)));

            // A member activates on the silo whose co-hosted caller first touches it, and that caller keeps calling
            // it there: local calls, as services co-hosted with a silo make, without a hop through another silo.
            silo.Services.AddSingleton<PlacementStrategy, PreferLocalPlacement>();
            silo.Services.AddSingleton(state.Oracle);
            silo.Services.Configure<LoggerFilterOptions>(o => o.MinLevel = LogLevel.Warning);
        }
    }
}
