using NotificationActors.Abstractions.Learning;
using NotificationActors.Storage;

namespace NotificationActors.Silo.Hosting;

/// <summary>Orleans' in-memory grain storage and reminders: lost on exit, no learning log; for trying things out.</summary>
internal sealed class MemoryDeployment : StorageDeployment
{
    public override string Name => "memory";

    public override string Description => "grain state and reminders in memory, lost on exit";

    public override bool KeepsLearning => false;

    /// <remarks>The state keeps Orleans' default format: it never outlives the process, so no stored format is at stake.</remarks>
    public override void AddTo(ISiloBuilder silo, StorageLocation location, GrainStateStorage state)
    {
        silo.AddMemoryGrainStorage(state.Name);
        silo.UseInMemoryReminderService();
    }

    public override Task<ILearningLogConnection> OpenLearningLogAsync(StorageLocation location, CancellationToken cancellationToken) =>
        throw KeepsNoLearning();

    public override Task<IModelStoreConnection> OpenModelStoreAsync(StorageLocation location, CancellationToken cancellationToken) =>
        throw KeepsNoLearning();

    private InvalidDataException KeepsNoLearning() =>
        new($"--storage {Name} keeps no learning log or model versions; use sqlite, postgres or azure storage.");
}
