using Microsoft.Extensions.Options;
using NotificationActors.Abstractions.Learning;
using NotificationActors.Storage.Sqlite.Database;
using NotificationActors.Storage.Sqlite.Learning;

namespace NotificationActors.Storage.Sqlite.Hosting;

/// <summary>
/// The embedded store opened once per process and shared by several in-process silos (a simulation's test
/// cluster), so their grain storage, reminders and learning log go through one writer instead of contending for
/// the file's lock. Silos take it with <see cref="SqliteSiloBuilderExtensions.UseSharedSqliteFile"/>; its owner
/// disposes it after they stop.
/// </summary>
public sealed class SharedSqliteFile : IAsyncDisposable
{
    internal SqliteDatabaseRegistry Registry { get; } = new();

    /// <summary>The learning log in <paramref name="dataSource"/>, read and written through the shared writer (opened with <paramref name="durability"/>, as the silos open it).</summary>
    public ILearningLog LearningLog(string dataSource, SqliteDurability durability = SqliteDurability.Full) =>
        new SqliteLearningLog(Options.Create(new SqliteLearningLogOptions { DataSource = dataSource, Durability = durability }), Registry);

    public ValueTask DisposeAsync() => Registry.DisposeAsync();
}
