using NotificationActors.Abstractions.Learning;

namespace NotificationActors.Learning.Artefacts;

/// <summary>
/// Model versions as folders under <paramref name="root"/>, one file each: the export <c>train</c> writes for people
/// to read, and a store for tools without a deployment. A version is written into a hidden staging folder renamed
/// into place at the end, so a failed or interrupted save never leaves half a version.
/// </summary>
public sealed class FolderModelStore(string root) : IModelStore
{
    private const string StagingPrefix = ".";

    /// <summary>The folder the versions live in.</summary>
    public string Root => root;

    /// <summary>The folder of version <paramref name="version"/>.</summary>
    public string FolderOf(string version) => Path.Combine(root, version);

    public Task SaveAsync(string version, IReadOnlyDictionary<string, byte[]> files, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        var target = FolderOf(version);
        if (Directory.Exists(target))
        {
            throw new ModelVersionExistsException(version);
        }

        Directory.CreateDirectory(root);
        var staging = Path.Combine(root, $"{StagingPrefix}{version}.{Guid.NewGuid():N}.partial");
        Directory.CreateDirectory(staging);
        try
        {
            foreach (var (name, content) in files)
            {
                File.WriteAllBytes(Path.Combine(staging, Path.GetFileName(name)), content);
            }

            Directory.Move(staging, target);
        }
        catch (IOException) when (Directory.Exists(target))
        {
            Directory.Delete(staging, recursive: true);
            throw new ModelVersionExistsException(version);
        }
        catch
        {
            Directory.Delete(staging, recursive: true);
            throw;
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyDictionary<string, byte[]>?> LoadAsync(string version, CancellationToken cancellationToken = default)
    {
        var folder = FolderOf(version);
        IReadOnlyDictionary<string, byte[]>? files = Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder).ToDictionary(file => Path.GetFileName(file), File.ReadAllBytes, StringComparer.Ordinal)
            : null;
        return Task.FromResult(files);
    }

    public Task<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken = default)
    {
        IReadOnlyList<string> versions = Directory.Exists(root)
            ? [.. Directory.EnumerateDirectories(root).Select(Path.GetFileName).OfType<string>().Where(n => !n.StartsWith(StagingPrefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal)]
            : [];
        return Task.FromResult(versions);
    }
}
