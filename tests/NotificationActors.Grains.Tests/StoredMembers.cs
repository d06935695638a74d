using Microsoft.Extensions.DependencyInjection;
using NotificationActors.Abstractions.Members;
using NotificationActors.Grains.Members;
using NotificationActors.Grains.Members.Format;
using Orleans.Reminders;
using Orleans.Storage;
using Orleans.TestingHost;

namespace NotificationActors.Grains.Tests;

/// <summary>What the test cluster's storage holds of a member: its state's bytes as the silo writes them, and its reminders.</summary>
internal static class StoredMembers
{
    /// <summary>The member's stored state in the compact layout, or null when none is stored.</summary>
    public static async Task<byte[]?> BytesAsync(MemberClusterFixture cluster, IMemberGrain member)
    {
        var state = new GrainState<MemberState>(new MemberState());
        await Silo(cluster).GetRequiredKeyedService<IGrainStorage>(MemberGrain.StorageName).ReadStateAsync("member", ((GrainReference)member).GrainId, state);
        return state.RecordExists && state.State is { } stored ? MemberStateFormat.Write(stored) : null;
    }

    /// <summary>Writes <paramref name="state"/> as the member's stored state, as a silo of an earlier version might have.</summary>
    public static Task WriteAsync(MemberClusterFixture cluster, IMemberGrain member, MemberState state) =>
        Silo(cluster).GetRequiredKeyedService<IGrainStorage>(MemberGrain.StorageName).WriteStateAsync("member", ((GrainReference)member).GrainId, new GrainState<MemberState>(state));

    /// <summary>The member's stored state.</summary>
    public static async Task<MemberState> StateAsync(MemberClusterFixture cluster, IMemberGrain member) =>
        MemberStateFormat.Read(await BytesAsync(cluster, member) ?? throw new InvalidOperationException("No state is stored."));

    /// <summary>How many reminders the member has.</summary>
    public static async Task<int> RemindersAsync(MemberClusterFixture cluster, IMemberGrain member) =>
        (await Silo(cluster).GetRequiredService<IReminderTable>().ReadRows(((GrainReference)member).GrainId)).Reminders.Count;

    private static IServiceProvider Silo(MemberClusterFixture cluster) =>
        cluster.Cluster.Primary is InProcessSiloHandle { SiloHost: { } host } ? host.Services : throw new InvalidOperationException("The primary silo is not in process.");
}
