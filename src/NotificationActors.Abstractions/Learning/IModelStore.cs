namespace NotificationActors.Abstractions.Learning;

/// <summary>
/// Model versions kept in the deployment's store (the SQLite file, the PostgreSQL database or the Azure Storage
/// account): a version is a set of named files (the ML.NET models and the readable card), written once and never
/// changed, so a plan that records a version can always be explained by it.
/// </summary>
public interface IModelStore
{
    /// <summary>Stores version <paramref name="version"/>: every file or none, as one step.</summary>
    /// <exception cref="ModelVersionExistsException">The store already holds the version; it is left as it was.</exception>
    Task SaveAsync(string version, IReadOnlyDictionary<string, byte[]> files, CancellationToken cancellationToken = default);

    /// <summary>The files of version <paramref name="version"/>, or null when the store does not hold it.</summary>
    Task<IReadOnlyDictionary<string, byte[]>?> LoadAsync(string version, CancellationToken cancellationToken = default);

    /// <summary>The versions the store holds, in name order.</summary>
    Task<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken = default);
}

/// <summary>A model store opened outside a silo (by the <c>train</c>, <c>evaluate</c> and <c>run</c> verbs), closed when disposed.</summary>
public interface IModelStoreConnection : IModelStore, IAsyncDisposable;

/// <summary>A version was saved twice: versions are immutable, so the second save is refused.</summary>
public sealed class ModelVersionExistsException(string version)
    : IOException($"Model version {version} already exists in the store; versions are immutable, so train under a new version.")
{
    /// <summary>The version that exists.</summary>
    public string Version { get; } = version;
}
