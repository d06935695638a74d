using System.Diagnostics;
using System.Runtime;
using NotificationActors.Grains.Members;

namespace NotificationActors.Lab.Load.Members;

/// <summary>The silo's activations, then the managed heap after full, blocking, compacting collections.</summary>
/// <param name="LiveBytes">Bytes the heap holds live (<see cref="GC.GetTotalMemory(bool)"/> after the collections).</param>
/// <param name="Generation2Bytes">Of the heap, generation 2's live bytes after the last collection.</param>
/// <param name="LargeObjectBytes">Of the heap, the large object heap's live bytes after the last collection.</param>
/// <param name="WorkingSetBytes">The process's working set: the heap, SQLite's page caches and the runtime's own.</param>
/// <param name="Activations">Every grain activation on the silo.</param>
/// <param name="MemberActivations">Of them, member grains.</param>
/// <param name="Gauges">Orleans' gauges of what the silo holds per grain (<see cref="OrleansGauges"/>).</param>
internal sealed record HeapSnapshot(long LiveBytes, long Generation2Bytes, long LargeObjectBytes, long WorkingSetBytes, int Activations, int MemberActivations, IReadOnlyDictionary<string, long> Gauges)
{
    // Grain statistics name a grain class as "full name,assembly".
    private static readonly string MemberGrainType = $"{typeof(MemberGrain).FullName},{typeof(MemberGrain).Assembly.GetName().Name}";

    public static async Task<HeapSnapshot> TakeAsync(IManagementGrain management, OrleansGauges gauges)
    {
        var activations = await management.GetTotalActivationCount();
        var members = await MemberActivationsAsync(management);
        var held = gauges.Read();

        // Twice, as the first collection's finalizers may free more for the second; the large object heap is
        // compacted too, so that each generation's size is what it holds live.
        for (var i = 0; i < 2; i++)
        {
            GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        var generations = GC.GetGCMemoryInfo(GCKind.FullBlocking).GenerationInfo;
        using var process = Process.GetCurrentProcess();
        return new HeapSnapshot(GC.GetTotalMemory(forceFullCollection: false), Live(generations[2]), Live(generations[3]), process.WorkingSet64, activations, members, held);
    }

    /// <summary>Member grain activations on the silo, from its grain statistics.</summary>
    public static async Task<int> MemberActivationsAsync(IManagementGrain management) =>
        (await management.GetSimpleGrainStatistics()).Where(s => s.GrainType == MemberGrainType).Sum(s => s.ActivationCount);

    private static long Live(GCGenerationInfo generation) => generation.SizeAfterBytes - generation.FragmentationAfterBytes;
}
