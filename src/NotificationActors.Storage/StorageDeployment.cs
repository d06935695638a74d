using Microsoft.Extensions.DependencyInjection;
using NotificationActors.Abstractions.Learning;
using Orleans.Storage;

namespace NotificationActors.Storage;

/// <summary>
/// One of the places a deployment keeps its data (docs/architecture.md: the embedded SQLite file, PostgreSQL, Azure
/// Storage, or memory for trying things out): it gives a silo its membership, grain state, reminders and learning
/// log, and gives the offline verbs the log and the model versions. The silo knows stores only through this type,
/// so adding one touches its own project and the silo's list of deployments.
/// </summary>
public abstract class StorageDeployment
{
    /// <summary>The value of <c>--storage</c> that chooses it.</summary>
    public abstract string Name { get; }

    /// <summary>What it keeps and where, for the command line's help.</summary>
    public abstract string Description { get; }

    /// <summary>The option naming a clustered store's server, and its check; null for a store in the data folder.</summary>
    public virtual StoreConnection? Connection => null;

    /// <summary>Silos on one clustered store form a cluster; the others run one silo on localhost.</summary>
    public bool Clustered => Connection is not null;

    /// <summary>Whether it keeps the learning log and model versions (memory storage keeps neither).</summary>
    public virtual bool KeepsLearning => true;

    /// <summary>
    /// Adds the store's membership (clustered stores only: the host sets localhost clustering for the others), the
    /// grain storage <paramref name="state"/> names, reminders and the learning log.
    /// </summary>
    /// <exception cref="ArgumentException">The location does not name a usable store, e.g. a malformed connection string.</exception>
    public abstract void AddTo(ISiloBuilder silo, StorageLocation location, GrainStateStorage state);

    /// <summary>
    /// The check that the store at <paramref name="location"/> answers, through its own client, for the silo's
    /// readiness; null when the store cannot be down apart from the process (memory).
    /// </summary>
    public virtual Microsoft.Extensions.Diagnostics.HealthChecks.IHealthCheck? HealthCheck(StorageLocation location) => null;

    /// <summary>The learning log of a store a silo has run on; never creates one.</summary>
    public abstract Task<ILearningLogConnection> OpenLearningLogAsync(StorageLocation location, CancellationToken cancellationToken);

    /// <summary>The model versions of a store a silo has run on; never creates one.</summary>
    public abstract Task<IModelStoreConnection> OpenModelStoreAsync(StorageLocation location, CancellationToken cancellationToken);

    /// <summary>The connection string <paramref name="location"/> must carry for a clustered store.</summary>
    protected string ConnectionStringOf(StorageLocation location) => location.ConnectionString is { Length: > 0 } value
        ? value
        : throw new ArgumentException($"--storage {Name} needs {Connection?.Option ?? "a connection string"} \"<connection string>\".", nameof(location));
}

/// <summary>Where a deployment's data is: the data folder (the embedded store's file is in it) and, for a clustered store, its connection string.</summary>
/// <param name="DataDirectory">Folder of the embedded store, and of files exported for people to read.</param>
/// <param name="ConnectionString">The clustered store's connection string (a secret: never logged).</param>
public sealed record StorageLocation(string DataDirectory, string? ConnectionString = null)
{
    /// <summary>Keeps the connection string out of logs and error messages.</summary>
    public override string ToString() => ConnectionString is null ? DataDirectory : $"{DataDirectory} (connection string hidden)";
}

/// <summary>The grain storage a silo's grains persist through, by name, and the format its state is written in.</summary>
/// <param name="Name">The storage name the grains' <c>[PersistentState]</c> uses.</param>
/// <param name="Serializer">Builds the state's serializer from the silo's services.</param>
public sealed record GrainStateStorage(string Name, Func<IServiceProvider, IGrainStorageSerializer> Serializer)
{
    /// <summary>Has the grain storage of this name, whose options are <typeparamref name="TOptions"/>, write its state through <see cref="Serializer"/>.</summary>
    public void WriteThrough<TOptions>(ISiloBuilder silo) where TOptions : class, IStorageProviderSerializerOptions
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.Services.AddOptions<TOptions>(Name).Configure<IServiceProvider>((o, services) => o.GrainStorageSerializer = Serializer(services));
    }
}

/// <summary>The command-line option naming a clustered store's server.</summary>
/// <param name="Option">The option, e.g. <c>--postgres</c>.</param>
/// <param name="Description">Its help.</param>
/// <param name="Validate">Throws <see cref="ArgumentException"/> naming what is wrong with a value, before anything connects.</param>
public sealed record StoreConnection(string Option, string Description, Action<string> Validate);
